package dev.latchkey.adapter.grpc.auth;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One line per refused authentication, with the caller's address and never the token, at most
 * {@code perSecond} lines a second: a flood of bad tokens must not become a flood of log lines.
 * The first line after a throttled second says how many were left out.
 */
final class RefusalLog {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final int perSecond;
  private final LongSupplier nanoTime;
  private final Consumer<String> sink;
  private long windowStart;
  private int inWindow;
  private long suppressed;

  RefusalLog(int perSecond, LongSupplier nanoTime, Consumer<String> sink) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.sink = sink;
    this.windowStart = nanoTime.getAsLong();
  }

  void refused(String method, SocketAddress peer, String reason) {
    String line;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (now - windowStart >= SECOND) {
        windowStart = now;
        inWindow = 0;
      }
      if (inWindow >= perSecond) {
        suppressed++;
        return;
      }
      inWindow++;
      line = "refused authentication from " + (peer == null ? "unknown peer" : peer) + " on " + method + ": "
          + reason + (suppressed == 0 ? "" : " (" + suppressed + " more refusals not logged)");
      suppressed = 0;
    }
    sink.accept(line);
  }
}
