package dev.latchkey.domain.principal;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The authenticated caller of one request. */
public sealed interface Principal {
  Actor actor();

  /** The operator token: manages tenants, belongs to none. */
  record OperatorPrincipal() implements Principal {
    @Override
    public Actor actor() {
      return new Actor.Operator();
    }
  }

  /**
   * The holder of a tenant's ingest token: opens the ingestion API of that tenant and nothing else.
   *
   * @param tokenId the ingest token used
   */
  record IngestPrincipal(TenantId tenantId, java.util.UUID tokenId) implements Principal {
    public IngestPrincipal {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(tokenId, "tokenId");
    }

    @Override
    public Actor actor() {
      return new Actor.TenantIngest();
    }
  }

  /**
   * A private app or a team member: authenticated by one of its tokens, or (a team member only)
   * acted for by the operator on behalf of a signed-in person.
   *
   * @param grants the effective grants at the time of the call (for a user: its role's, or all for
   *     the account holder)
   * @param tokenId the token used; null when the operator acts for the user
   * @param means the operator when it acts for the user; null when the principal used its own token
   */
  record TenantPrincipal(
      TenantId tenantId, Actor actor, String displayName, PermissionSet grants, @Nullable ApiTokenId tokenId,
      @Nullable Actor means)
      implements Principal {
    public TenantPrincipal {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
      if (actor instanceof Actor.Operator) {
        throw new IllegalArgumentException("the operator is not a tenant principal");
      }
      if ((tokenId == null) == (means == null)) {
        throw new IllegalArgumentException("a tenant principal comes either with its token or through the operator");
      }
      if (means != null && !(means instanceof Actor.Operator && actor instanceof Actor.UserRef)) {
        throw new IllegalArgumentException("only the operator acts, and only for users");
      }
    }

    /** A principal authenticated by its own token. */
    public TenantPrincipal(TenantId tenantId, Actor actor, String displayName, PermissionSet grants, ApiTokenId tokenId) {
      this(tenantId, actor, displayName, grants, Objects.requireNonNull(tokenId, "tokenId"), null);
    }

    /** A user the operator acts for. */
    public static TenantPrincipal actedForByOperator(
        TenantId tenantId, Actor.UserRef user, String displayName, PermissionSet grants) {
      return new TenantPrincipal(tenantId, user, displayName, grants, null, new Actor.Operator());
    }

    public boolean allows(DataModel model, Action action) {
      return grants.allows(model, action);
    }

    public java.util.Optional<ApiTokenId> token() {
      return java.util.Optional.ofNullable(tokenId);
    }

    public java.util.Optional<Actor> viaMeans() {
      return java.util.Optional.ofNullable(means);
    }

    /** The name of the token used, e.g. {@code users/{u}/tokens/{t}}; empty when acted for. */
    public String tokenName() {
      return tokenId == null ? "" : actor.resourceName() + "/tokens/" + tokenId;
    }
  }
}
