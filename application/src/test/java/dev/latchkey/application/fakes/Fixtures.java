package dev.latchkey.application.fakes;

import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Values for tests that need one but do not care which: each call gives a fresh, valid one. */
public final class Fixtures {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Instant NOW = FixedClock.DEFAULT;

  private Fixtures() {}

  public static DisplayName anyDisplayName() {
    return new DisplayName("Name " + COUNTER.incrementAndGet());
  }

  public static EmailAddress anyEmail() {
    return new EmailAddress("person" + COUNTER.incrementAndGet() + "@example.com");
  }

  public static CreateTenantCommand createTenantCommand() {
    return new CreateTenantCommand(anyDisplayName(), anyEmail(), anyDisplayName());
  }

  public static TenantId anyTenantId() {
    return new TenantId(UUID.randomUUID());
  }

  public static UserId anyUserId() {
    return new UserId(UUID.randomUUID());
  }

  public static RoleId anyRoleId() {
    return new RoleId(UUID.randomUUID());
  }

  public static ApiTokenId anyApiTokenId() {
    return new ApiTokenId(UUID.randomUUID());
  }

  public static PrivateAppId anyPrivateAppId() {
    return new PrivateAppId(UUID.randomUUID());
  }

  /** An enabled private app of {@code tenantId} holding {@code grants}, created by the operator. */
  public static PrivateApp privateApp(TenantId tenantId, PermissionSet grants) {
    return PrivateApp.create(tenantId, anyPrivateAppId(), anyDisplayName(), Description.EMPTY, grants,
        new Actor.Operator(), NOW);
  }

  public static Tenant anyTenant() {
    return Tenant.create(anyTenantId(), anyDisplayName(), NOW);
  }

  public static Principal.OperatorPrincipal operator() {
    return new Principal.OperatorPrincipal();
  }

  /** A team member of {@code tenantId} holding {@code grants}, as if authenticated by some token. */
  public static Principal.TenantPrincipal tenantPrincipal(TenantId tenantId, PermissionSet grants) {
    return new Principal.TenantPrincipal(
        tenantId, new Actor.UserRef(anyUserId()), anyDisplayName().value(), grants, anyApiTokenId());
  }

  /** A team member of some tenant with every permission: still not the operator. */
  public static Principal.TenantPrincipal anyTenantPrincipal() {
    return tenantPrincipal(anyTenantId(), PermissionSet.all());
  }

  public static Role role(TenantId tenantId, PermissionSet grants, boolean apiAccess) {
    return new Role(tenantId, anyRoleId(), anyDisplayName(), grants, apiAccess, NOW, NOW, 1);
  }

  /** An active team member who does not hold the account. */
  public static User member(TenantId tenantId, RoleId roleId) {
    return new User(tenantId, anyUserId(), anyEmail(), anyDisplayName(), roleId, false, UserState.ACTIVE, NOW, NOW, 1);
  }
}
