package dev.latchkey.domain.analytics;

import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's ingest token as stored: its keyed hash, never the token. A tenant has one current
 * token and, for the overlap of a rotation, the previous one, which has an expiry.
 *
 * @param prefix the visible start of the secret, e.g. {@code lkt_3Fq9Zx}
 * @param expireTime when a previous token stops working; empty for the current one
 */
public record IngestToken(
    TenantId tenantId, UUID id, String prefix, TokenDigest digest, Instant createTime,
    Optional<Instant> lastUseTime, Optional<Instant> expireTime) {
  public IngestToken {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(lastUseTime, "lastUseTime");
    Objects.requireNonNull(expireTime, "expireTime");
  }

  /** Whether the token opens the ingestion API at {@code now}. */
  public boolean isLiveAt(Instant now) {
    return expireTime.map(now::isBefore).orElse(true);
  }
}
