package dev.latchkey.domain.role;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.DataModelKind;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The roles every new tenant starts with; tenants may edit them afterwards. */
public final class DefaultRoles {
  private DefaultRoles() {}

  /** Administrator first (it is the account holder's role), then a read-only member. */
  public static List<Role> forNewTenant(TenantId tenant, Supplier<RoleId> ids, Instant now) {
    Role administrator =
        new Role(tenant, ids.get(), new DisplayName("Administrator"), PermissionSet.all(), true, now, now, 1);
    Role member =
        new Role(tenant, ids.get(), new DisplayName("Member"), readOnlyBusinessData(), false, now, now, 1);
    return List.of(administrator, member);
  }

  private static PermissionSet readOnlyBusinessData() {
    return PermissionSet.of(
        Arrays.stream(DataModel.values())
            .filter(m -> m.kind() == DataModelKind.BUSINESS)
            .map(m -> Grant.of(m, Action.READ))
            .toList());
  }
}
