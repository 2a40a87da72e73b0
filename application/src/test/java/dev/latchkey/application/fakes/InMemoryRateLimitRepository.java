package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The operator's rate limits in memory. */
public final class InMemoryRateLimitRepository implements RateLimitRepository, Snapshottable {
  private final Map<RateLimitTarget, RequestsPerMinute> limits = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();

  @Override
  public synchronized RequestsPerMinute find(RateLimitTarget target) {
    reads.incrementAndGet();
    return limits.getOrDefault(target, RequestsPerMinute.NONE);
  }

  @Override
  public synchronized void save(RateLimit limit, Instant at) {
    limits.put(limit.target(), limit.requestsPerMinute());
  }

  /** How many times a limit was read: a cache hit reads none. */
  public int reads() {
    return reads.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<RateLimitTarget, RequestsPerMinute> copy = new HashMap<>(limits);
    return () -> {
      synchronized (this) {
        limits.clear();
        limits.putAll(copy);
      }
    };
  }
}
