package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Stored tokens of private apps and users: digests and metadata, never a secret. */
public interface ApiTokenRepository {
  void insert(ApiToken token);

  /** The live (not deleted) token whose digest is {@code digest}, in whichever tenant it is. */
  Optional<ApiToken> findByDigest(TokenDigest digest);

  /**
   * Stores {@code digest} (under the primary pepper) for {@code token} in place of the digest it was
   * found by, so that the pepper it was made under can be retired.
   *
   * @return false if the token is gone or was re-hashed meanwhile
   */
  boolean rehash(ApiToken token, TokenDigest digest);

  /** The live token {@code id} of {@code owner}. */
  Optional<ApiToken> findById(TenantId tenantId, Actor owner, ApiTokenId id);

  /** The live tokens of {@code owner}, newest first. */
  Page<ApiToken> listByOwner(TenantId tenantId, Actor owner, PageRequest request);

  /**
   * Serializes token creation for {@code owner} until the current transaction ends, so that a
   * count followed by an insert cannot be raced past the per-owner limit.
   */
  void lockOwner(TenantId tenantId, Actor owner);

  /** How many live tokens {@code owner} has. */
  int countByOwner(TenantId tenantId, Actor owner);

  /**
   * Marks token {@code id} of {@code owner} deleted at {@code when}.
   *
   * @return false if there was no such live token
   */
  boolean delete(TenantId tenantId, Actor owner, ApiTokenId id, Instant when);

  /** Marks every live token of {@code owner} deleted at {@code when}; returns how many. */
  int deleteAllOf(TenantId tenantId, Actor owner, Instant when);

  /** Raises the last-use times of the given tokens (never lowers them). */
  void recordLastUse(Map<ApiTokenId, Instant> lastUse);
}
