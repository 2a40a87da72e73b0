package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Ingest tokens in memory; like the real table, one current (unexpiring) token per tenant. */
public final class InMemoryIngestTokenRepository implements IngestTokenRepository {
  private final Map<UUID, IngestToken> tokens = new LinkedHashMap<>();

  @Override
  public synchronized void insert(IngestToken token) {
    if (token.expireTime().isEmpty() && tokens.values().stream()
        .anyMatch(t -> t.tenantId().equals(token.tenantId()) && t.expireTime().isEmpty())) {
      throw new ConflictException("the ingest token was rotated concurrently; try again");
    }
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized Optional<IngestToken> findByDigest(TokenDigest digest) {
    return tokens.values().stream().filter(t -> t.digest().equals(digest)).findFirst();
  }

  @Override
  public synchronized List<IngestToken> findByTenant(TenantId tenantId) {
    return new ArrayList<>(tokens.values().stream().filter(t -> t.tenantId().equals(tenantId)).toList());
  }

  @Override
  public synchronized void expire(IngestToken token, Instant at) {
    tokens.computeIfPresent(token.id(), (id, t) -> new IngestToken(t.tenantId(), t.id(), t.prefix(), t.digest(),
        t.createTime(), t.lastUseTime(), Optional.of(at)));
  }

  @Override
  public synchronized void delete(IngestToken token) {
    tokens.remove(token.id());
  }

  @Override
  public synchronized void rehash(IngestToken token, TokenDigest digest) {
    tokens.computeIfPresent(token.id(), (id, t) -> new IngestToken(t.tenantId(), t.id(), t.prefix(), digest,
        t.createTime(), t.lastUseTime(), t.expireTime()));
  }

  @Override
  public synchronized void used(IngestToken token, Instant when) {
    tokens.computeIfPresent(token.id(), (id, t) -> new IngestToken(t.tenantId(), t.id(), t.prefix(), t.digest(),
        t.createTime(), Optional.of(when), t.expireTime()));
  }
}
