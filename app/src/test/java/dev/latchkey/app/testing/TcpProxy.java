package dev.latchkey.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback in front of one target (the shared Redis), that a test can {@link #cut}
 * and {@link #restore}: cut closes every connection through it and refuses new ones at once, as a
 * crashed or unreachable Redis would, without stopping the Redis other tests use.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final List<Socket> sockets = new ArrayList<>();
  private volatile boolean open = true;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code redis://127.0.0.1:<port>}: the target, through this proxy. */
  public String redisUrl() {
    return "redis://127.0.0.1:" + port();
  }

  /** Closes every connection through the proxy; new ones are closed as soon as they arrive. */
  public void cut() {
    open = false;
    closeAll();
  }

  /** Lets connections through again. */
  public void restore() {
    open = true;
  }

  @Override
  public void close() {
    open = false;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    closeAll();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      if (!open) {
        quietlyClose(client);
        continue;
      }
      try {
        Socket target = new Socket();
        target.connect(new InetSocketAddress(targetHost, targetPort), 2000);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(target);
        }
        pump(client, target);
        pump(target, client);
      } catch (IOException e) {
        quietlyClose(client);
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: close both
      } finally {
        quietlyClose(from);
        quietlyClose(to);
      }
    });
  }

  private void closeAll() {
    synchronized (sockets) {
      sockets.forEach(TcpProxy::quietlyClose);
      sockets.clear();
    }
  }

  private static void quietlyClose(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
