package dev.latchkey.application.service;

import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The database lookups of tokens that no cache answered: at most {@code maxConcurrent} at once, so
 * that a flood of made-up tokens cannot take the whole connection pool, and one lookup per digest
 * at a time, shared by every check of that digest that arrives meanwhile.
 *
 * <p>A check that finds every permit taken waits up to {@code maxWait} (queued, not refused), then
 * fails {@link UnavailableException}: the token may well be valid, so {@code UNAUTHENTICATED} would
 * tell a legitimate client its credentials are bad, where {@code UNAVAILABLE} says to retry.
 */
public final class TokenLookups {
  private record Flight(long changeStamp, CompletableFuture<TokenCheck> result) {}

  private final Semaphore permits;
  private final Duration maxWait;
  private final ConcurrentHashMap<TokenDigest, Flight> flights = new ConcurrentHashMap<>();

  public TokenLookups(int maxConcurrent, Duration maxWait) {
    this.permits = new Semaphore(maxConcurrent, true);
    this.maxWait = maxWait;
  }

  /**
   * What {@code lookup} answers for {@code digest}, or what a lookup of the same digest already
   * under way answers, if it started when the credential change counter was {@code changeStamp}
   * too (a lookup that began before a change may have read what the change replaced).
   *
   * @throws UnavailableException if no lookup could start within the wait, or the lookup failed so
   */
  public TokenCheck lookUp(TokenDigest digest, long changeStamp, Supplier<TokenCheck> lookup) {
    Flight mine = new Flight(changeStamp, new CompletableFuture<>());
    Flight running = flights.putIfAbsent(digest, mine);
    if (running != null) {
      return running.changeStamp() == changeStamp ? join(running) : bounded(lookup);
    }
    try {
      TokenCheck check = bounded(lookup);
      mine.result().complete(check);
      return check;
    } catch (RuntimeException e) {
      mine.result().completeExceptionally(e);
      throw e;
    } finally {
      flights.remove(digest, mine);
    }
  }

  private static TokenCheck join(Flight flight) {
    try {
      return flight.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private TokenCheck bounded(Supplier<TokenCheck> lookup) {
    try {
      if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new UnavailableException("too many token lookups at once", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting to look up a token", e);
    }
    try {
      return lookup.get();
    } finally {
      permits.release();
    }
  }
}
