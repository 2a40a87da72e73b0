package dev.latchkey.domain.principal;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.util.Objects;

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
   * A private app or a team member, authenticated by one of its tokens.
   *
   * @param grants the effective grants at the time of the call (for a user: its role's, or all for
   *     the account holder)
   */
  record TenantPrincipal(
      TenantId tenantId, Actor actor, String displayName, PermissionSet grants, ApiTokenId tokenId)
      implements Principal {
    public TenantPrincipal {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
      Objects.requireNonNull(tokenId, "tokenId");
      if (actor instanceof Actor.Operator) {
        throw new IllegalArgumentException("the operator is not a tenant principal");
      }
    }

    public boolean allows(DataModel model, Action action) {
      return grants.allows(model, action);
    }

    /** The name of the token used, e.g. {@code users/{u}/tokens/{t}}. */
    public String tokenName() {
      return actor.resourceName() + "/tokens/" + tokenId;
    }
  }
}
