package dev.latchkey.domain.token;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An API access token (owner: a private app) or personal access token (owner: a user), as stored:
 * its digest and a short display prefix, never the token itself.
 */
public record ApiToken(
    TenantId tenantId,
    ApiTokenId id,
    Actor owner,
    DisplayName displayName,
    String displayPrefix,
    TokenDigest digest,
    Instant createTime,
    Actor creator,
    @Nullable Instant lastUseTime) {

  public ApiToken {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(displayPrefix, "displayPrefix");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(creator, "creator");
    if (owner instanceof Actor.Operator) {
      throw new IllegalArgumentException("operator tokens are configured, not issued");
    }
  }

  /** The kind of token its owner gets. */
  public static TokenKind kindFor(Actor owner) {
    return switch (owner) {
      case Actor.UserRef u -> TokenKind.PERSONAL;
      case Actor.PrivateAppRef a -> TokenKind.PRIVATE_APP;
      case Actor.Operator o -> throw new IllegalArgumentException("operator tokens are configured, not issued");
      case Actor.TenantIngest i -> throw new IllegalArgumentException("ingest tokens are not API tokens");
    };
  }

  public Optional<Instant> lastUse() {
    return Optional.ofNullable(lastUseTime);
  }

  /** {@code users/{u}/tokens/{t}} or {@code privateApps/{a}/tokens/{t}}. */
  public String resourceName() {
    return owner.resourceName() + "/tokens/" + id;
  }
}
