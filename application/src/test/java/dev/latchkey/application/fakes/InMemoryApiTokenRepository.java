package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Stored tokens in memory. Like the unique index of the real table, a digest is stored once. */
public final class InMemoryApiTokenRepository implements ApiTokenRepository, Snapshottable {
  private final Map<ApiTokenId, ApiToken> tokens = new LinkedHashMap<>();
  private final Faults faults = new Faults();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(ApiToken token) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (tokens.containsKey(token.id())) {
      throw new IllegalStateException("duplicate token id " + token.id());
    }
    if (tokens.values().stream().anyMatch(t -> t.digest().equals(token.digest()))) {
      throw new IllegalStateException("duplicate token digest");
    }
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized Optional<ApiToken> findByDigest(TokenDigest digest) {
    calls.incrementAndGet();
    return tokens.values().stream().filter(t -> t.digest().equals(digest)).findFirst();
  }

  /** Makes the next {@link #insert} throw {@code failure}, once. */
  public void failNextInsert(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Every stored token, in insertion order. */
  public synchronized List<ApiToken> all() {
    return List.copyOf(tokens.values());
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<ApiTokenId, ApiToken> copy = new LinkedHashMap<>(tokens);
    return () -> {
      synchronized (this) {
        tokens.clear();
        tokens.putAll(copy);
      }
    };
  }
}
