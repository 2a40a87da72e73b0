package dev.latchkey.application.port.out;

import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tenants' ingest tokens: digests and metadata, never a secret. */
public interface IngestTokenRepository {
  /**
   * Stores a new current token.
   *
   * @throws dev.latchkey.domain.error.DomainException if the tenant has a current token already (a
   *     concurrent rotation)
   */
  void insert(IngestToken token);

  /** The token whose digest is {@code digest}, in whichever tenant, expired ones included. */
  Optional<IngestToken> findByDigest(TokenDigest digest);

  /** The tenant's tokens: the current one (no expiry) and a previous one, if any is stored. */
  List<IngestToken> findByTenant(TenantId tenantId);

  /** Gives {@code token} an expiry: it stays usable until {@code at}. */
  void expire(IngestToken token, Instant at);

  /** Deletes {@code token} for good. */
  void delete(IngestToken token);

  /**
   * Stores {@code digest} (under the primary pepper) for {@code token} in place of the digest it was
   * found by, so that the pepper it was made under can be retired.
   */
  void rehash(IngestToken token, TokenDigest digest);

  /** Notes that {@code token} was used at {@code when}. */
  void used(IngestToken token, Instant when);
}
