package dev.latchkey.adapter.postgres;

import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request log's bounded queue between the calls and the {@link RequestLogWriter}: {@link
 * #record} blocks while it is full, so that load pushes back instead of losing entries. Once closed
 * (when the writer stops) it refuses new entries; the writer empties it.
 */
public final class RequestLogQueue implements RequestLogSink {
  public static final int DEFAULT_CAPACITY = 10_000;

  private final ArrayBlockingQueue<RequestLogEntry> queue;
  private final int capacity;
  /** {@link #record} calls between their check of {@link #closed} and the end of their put. */
  private final AtomicInteger recording = new AtomicInteger();
  private volatile boolean closed;

  public RequestLogQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void record(RequestLogEntry entry) throws InterruptedException {
    Objects.requireNonNull(entry, "entry");
    recording.incrementAndGet();
    try {
      if (closed) {
        throw new IllegalStateException("the request log is closed");
      }
      queue.put(entry);
    } finally {
      recording.decrementAndGet();
    }
  }

  /** Refuses further entries; those queued (and those being put right now) stay for the writer. */
  void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }

  /** Closed, and nothing queued or on its way in: the writer may end. */
  boolean finished() {
    // In this order: a record() that got past its closed check shows in recording or in the queue.
    return closed && recording.get() == 0 && queue.isEmpty();
  }

  /** The next entry, waiting up to {@code nanos}; null if none came. */
  RequestLogEntry poll(long nanos) throws InterruptedException {
    return queue.poll(nanos, TimeUnit.NANOSECONDS);
  }

  /** Moves up to {@code max} queued entries into {@code batch}; returns how many. */
  int drainTo(List<RequestLogEntry> batch, int max) {
    return queue.drainTo(batch, max);
  }

  /** Callers blocked in {@link #record} once closed (a put that got in before the close). */
  boolean recordersWaiting() {
    return recording.get() > 0;
  }

  int capacity() {
    return capacity;
  }

  /** Entries waiting for the writer. */
  int size() {
    return queue.size();
  }
}
