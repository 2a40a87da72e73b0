package dev.latchkey.app.ratelimit;

import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.port.out.RateLimiter;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The rate limiter a server runs with and the background work it needs, if any.
 *
 * @param worker started with the server's other workers (the Redis heartbeat), or none
 */
public record RateLimiting(RateLimiter limiter, Optional<Worker> worker) {
  public RateLimiting {
    Objects.requireNonNull(limiter, "limiter");
    Objects.requireNonNull(worker, "worker");
  }

  /** Each instance limits alone, exactly, in its memory. */
  public static RateLimiting inProcess(InstantSource clock) {
    return new RateLimiting(new Bucket4jRateLimiter(clock), Optional.empty());
  }

  /** Budgets shared through the Redis at {@code url} ({@code --redis-url}). */
  public static RateLimiting throughRedis(String url, String keyPrefix, InstantSource clock) {
    RedisRateLimiter limiter = new RedisRateLimiter(url, keyPrefix, clock);
    return new RateLimiting(limiter, Optional.of(limiter));
  }
}
