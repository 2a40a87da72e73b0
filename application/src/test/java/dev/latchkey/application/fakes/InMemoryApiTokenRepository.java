package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stored tokens in memory. Like the unique index of the real table, a digest is stored once, deleted
 * tokens included. Deleting only marks a token; a deleted token is never found again. Lists newest
 * first by id, with the last listed id as the cursor.
 */
public final class InMemoryApiTokenRepository implements ApiTokenRepository, Snapshottable {
  private static final Comparator<ApiToken> NEWEST_FIRST =
      Comparator.comparing((ApiToken t) -> t.id().value(), InMemoryTenantRepository.UNSIGNED).reversed();

  private record Stored(ApiToken token, Instant deleteTime) {
    boolean live() {
      return deleteTime == null;
    }
  }

  private final Map<ApiTokenId, Stored> tokens = new LinkedHashMap<>();
  private final Faults insertFaults = new Faults();
  private final Faults deleteFaults = new Faults();
  private final Faults lastUseFaults = new Faults();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger lastUseWrites = new AtomicInteger();

  /** Fake transactions run one at a time already, so there is nothing to serialize. */
  @Override
  public void lockOwner(TenantId tenantId, Actor owner) {}

  @Override
  public synchronized void insert(ApiToken token) {
    calls.incrementAndGet();
    insertFaults.throwIfArmed();
    if (tokens.containsKey(token.id())) {
      throw new IllegalStateException("duplicate token id " + token.id());
    }
    if (tokens.values().stream().anyMatch(s -> s.token().digest().equals(token.digest()))) {
      throw new IllegalStateException("duplicate token digest");
    }
    tokens.put(token.id(), new Stored(token, null));
  }

  @Override
  public synchronized Optional<ApiToken> findByDigest(TokenDigest digest) {
    calls.incrementAndGet();
    return tokens.values().stream()
        .filter(Stored::live)
        .map(Stored::token)
        .filter(t -> t.digest().equals(digest))
        .findFirst();
  }

  @Override
  public synchronized boolean rehash(ApiToken token, TokenDigest digest) {
    calls.incrementAndGet();
    Stored stored = tokens.get(token.id());
    if (stored == null || !stored.live() || !stored.token().digest().equals(token.digest())) {
      return false;
    }
    ApiToken t = stored.token();
    tokens.put(t.id(), new Stored(new ApiToken(t.tenantId(), t.id(), t.owner(), t.displayName(), t.displayPrefix(),
        digest, t.createTime(), t.creator(), t.lastUseTime()), null));
    return true;
  }

  @Override
  public synchronized Optional<ApiToken> findById(TenantId tenantId, Actor owner, ApiTokenId id) {
    calls.incrementAndGet();
    return live(tenantId, owner, id).map(Stored::token);
  }

  @Override
  public synchronized Page<ApiToken> listByOwner(TenantId tenantId, Actor owner, PageRequest request) {
    calls.incrementAndGet();
    Optional<UUID> cursor = request.cursor().map(UUID::fromString);
    List<ApiToken> candidates = liveOf(tenantId, owner).stream()
        .filter(t -> cursor.isEmpty() || InMemoryTenantRepository.UNSIGNED.compare(t.id().value(), cursor.get()) < 0)
        .sorted(NEWEST_FIRST)
        .toList();
    if (candidates.size() <= request.size()) {
      return new Page<>(candidates, Optional.empty());
    }
    List<ApiToken> items = new ArrayList<>(candidates.subList(0, request.size()));
    return new Page<>(items, Optional.of(items.getLast().id().toString()));
  }

  @Override
  public synchronized int countByOwner(TenantId tenantId, Actor owner) {
    calls.incrementAndGet();
    return liveOf(tenantId, owner).size();
  }

  @Override
  public synchronized boolean delete(TenantId tenantId, Actor owner, ApiTokenId id, Instant when) {
    calls.incrementAndGet();
    deleteFaults.throwIfArmed();
    Optional<Stored> stored = live(tenantId, owner, id);
    if (stored.isEmpty()) {
      return false;
    }
    tokens.put(id, new Stored(stored.get().token(), when));
    return true;
  }

  @Override
  public synchronized int deleteAllOf(TenantId tenantId, Actor owner, Instant when) {
    calls.incrementAndGet();
    deleteFaults.throwIfArmed();
    List<ApiToken> doomed = liveOf(tenantId, owner);
    doomed.forEach(t -> tokens.put(t.id(), new Stored(t, when)));
    return doomed.size();
  }

  @Override
  public synchronized void recordLastUse(Map<ApiTokenId, Instant> lastUse) {
    calls.incrementAndGet();
    lastUseFaults.throwIfArmed();
    lastUseWrites.incrementAndGet();
    lastUse.forEach((id, when) -> {
      Stored stored = tokens.get(id);
      if (stored == null) {
        return;
      }
      ApiToken t = stored.token();
      if (t.lastUseTime() == null || t.lastUseTime().isBefore(when)) {
        ApiToken raised = new ApiToken(t.tenantId(), t.id(), t.owner(), t.displayName(), t.displayPrefix(),
            t.digest(), t.createTime(), t.creator(), when);
        tokens.put(id, new Stored(raised, stored.deleteTime()));
      }
    });
  }

  /** Makes the next {@link #insert} throw {@code failure}, once. */
  public void failNextInsert(RuntimeException failure) {
    insertFaults.arm(failure);
  }

  /** Makes the next {@link #delete} or {@link #deleteAllOf} throw {@code failure}, once. */
  public void failNextDelete(RuntimeException failure) {
    deleteFaults.arm(failure);
  }

  /** Makes the next {@link #recordLastUse} throw {@code failure}, once. */
  public void failNextRecordLastUse(RuntimeException failure) {
    lastUseFaults.arm(failure);
  }

  /** Every live token, in insertion order. */
  public synchronized List<ApiToken> all() {
    return tokens.values().stream().filter(Stored::live).map(Stored::token).toList();
  }

  /** Token {@code id} as stored, deleted or not. */
  public synchronized Optional<ApiToken> stored(ApiTokenId id) {
    return Optional.ofNullable(tokens.get(id)).map(Stored::token);
  }

  /** When token {@code id} was deleted, if it was. */
  public synchronized Optional<Instant> deleteTime(ApiTokenId id) {
    return Optional.ofNullable(tokens.get(id)).map(Stored::deleteTime);
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  /** How many times {@link #recordLastUse} wrote a batch. */
  public int lastUseWrites() {
    return lastUseWrites.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<ApiTokenId, Stored> copy = new LinkedHashMap<>(tokens);
    return () -> {
      synchronized (this) {
        tokens.clear();
        tokens.putAll(copy);
      }
    };
  }

  private Optional<Stored> live(TenantId tenantId, Actor owner, ApiTokenId id) {
    return Optional.ofNullable(tokens.get(id))
        .filter(Stored::live)
        .filter(s -> s.token().tenantId().equals(tenantId) && s.token().owner().equals(owner));
  }

  private List<ApiToken> liveOf(TenantId tenantId, Actor owner) {
    return tokens.values().stream()
        .filter(Stored::live)
        .map(Stored::token)
        .filter(t -> t.tenantId().equals(tenantId) && t.owner().equals(owner))
        .toList();
  }
}
