package dev.latchkey.app;

import dev.latchkey.app.config.ConfigException;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/** {@code latchkey serve [flags]}: runs the server until SIGTERM or SIGINT, then drains and exits 0. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    List<String> arguments = Arrays.asList(args);
    if (arguments.isEmpty() || !arguments.getFirst().equals("serve")) {
      System.err.println("usage: latchkey serve [--host ADDRESS] [--port N] [--database-url jdbc:postgresql://...] "
          + "[--data-dir DIR] [--operator-token-file FILE] [--pepper-file FILE] [--tls-cert FILE --tls-key FILE] "
          + "[--default-rate-limit N] [--redis-url redis://HOST:PORT] [--redis-key-prefix TEXT] "
          + "[--webhook-key-file FILE] [--allow-private-webhook-targets]");
      System.exit(2);
    }
    // Handling the signals ourselves (rather than in a shutdown hook) lets a clean stop exit 0. They
    // are installed before start-up so that a SIGTERM while starting also ends in a clean stop.
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), signal -> stop.countDown());
    Signal.handle(new Signal("INT"), signal -> stop.countDown());
    LatchkeyServer server;
    try {
      server = LatchkeyServer.start(ServerConfig.parse(arguments.subList(1, arguments.size()), System.getenv()));
    } catch (ConfigException e) {
      System.err.println("latchkey: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      // Still one line for the operator; the cause goes to the log.
      LoggerFactory.getLogger(Main.class).debug("start-up failed", e);
      // A driver or pool message may quote the database URL: never print its password.
      System.err.println("latchkey: could not start: " + ServerConfig.redactUrl(String.valueOf(e)));
      System.exit(1);
      return;
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    System.exit(0);
  }
}
