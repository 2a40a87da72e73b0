package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import org.junit.jupiter.api.Test;

class CreateTenantServiceTest {
  private static final CreateTenantCommand ACME = new CreateTenantCommand(
      new DisplayName("Acme Corp"), new EmailAddress("Ada@Acme.example"), new DisplayName("Ada Lovelace"));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final CreateTenantService service = ports.createTenantService();

  @Test
  void aTenantPrincipalMayNotCreateATenant() {
    assertThatThrownBy(() -> service.execute(Fixtures.anyTenantPrincipal(), ACME))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.tenants.all()).isEmpty();
    assertThat(ports.audit.entries()).isEmpty();
  }

  @Test
  void theOperatorCreatesTheTenant() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);

    assertThat(ports.tenants.all()).containsExactly(created.tenant());
    assertThat(created.tenant().displayName()).isEqualTo(new DisplayName("Acme Corp"));
    assertThat(created.tenant().createTime()).isEqualTo(FixedClock.DEFAULT);
    assertThat(created.tenant().updateTime()).isEqualTo(FixedClock.DEFAULT);
  }

  @Test
  void theTenantStartsWithTheTwoDefaultRoles() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);

    assertThat(ports.roles.ofTenant(created.tenant().id()))
        .extracting(r -> r.displayName().value(), Role::apiAccess)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Administrator", true),
            org.assertj.core.groups.Tuple.tuple("Member", false));
  }

  @Test
  void theOwnerIsAnActiveAccountHolderWithTheAdministratorRole() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);
    User owner = created.owner();
    Role administrator = ports.roles.ofTenant(created.tenant().id()).getFirst();

    assertThat(ports.users.all()).containsExactly(owner);
    assertThat(owner.tenantId()).isEqualTo(created.tenant().id());
    assertThat(owner.email()).isEqualTo(new EmailAddress("Ada@Acme.example"));
    assertThat(owner.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
    assertThat(owner.accountHolder()).isTrue();
    assertThat(owner.state()).isEqualTo(UserState.ACTIVE);
    assertThat(owner.roleId()).isEqualTo(administrator.id());
    assertThat(administrator.grants()).isEqualTo(PermissionSet.all());
  }

  @Test
  void theOwnerGetsOnePersonalAccessTokenStoredOnlyAsItsDigest() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);
    TokenSecret secret = created.ownerToken().secret();
    ApiToken stored = ports.tokens.all().getFirst();

    assertThat(ports.tokens.all()).hasSize(1);
    assertThat(secret.kind()).isEqualTo(TokenKind.PERSONAL);
    assertThat(secret.reveal()).startsWith("lkp_").hasSize(53);
    assertThat(stored).isEqualTo(created.ownerToken().token());
    assertThat(stored.digest()).isEqualTo(ports.hasher.digest(secret));
    assertThat(stored.owner()).isEqualTo(created.owner().ref());
    assertThat(stored.tenantId()).isEqualTo(created.tenant().id());
    assertThat(stored.displayPrefix()).isEqualTo(secret.displayPrefix());
    assertThat(stored.toString()).doesNotContain(secret.reveal());
  }

  @Test
  void theCreatedTokenAuthenticatesAsTheOwner() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);

    var check = ports.authenticateTokenService().authenticate(created.ownerToken().secret().reveal());

    assertThat(check).isInstanceOfSatisfying(dev.latchkey.application.port.in.TokenCheck.Valid.class,
        valid -> assertThat(valid.principal().actor()).isEqualTo(created.owner().ref()));
  }

  @Test
  void everyCreatedResourceIsAuditedAsTheOperatorsDoing() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);
    java.util.List<Role> roles = ports.roles.ofTenant(created.tenant().id());

    assertThat(ports.audit.entries())
        .extracting(AuditEntry::action, AuditEntry::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.TENANT_CREATED, created.tenant().resourceName()),
            org.assertj.core.groups.Tuple.tuple(AuditAction.ROLE_CREATED, roles.get(0).resourceName()),
            org.assertj.core.groups.Tuple.tuple(AuditAction.ROLE_CREATED, roles.get(1).resourceName()),
            org.assertj.core.groups.Tuple.tuple(AuditAction.USER_CREATED, created.owner().ref().resourceName()),
            org.assertj.core.groups.Tuple.tuple(
                AuditAction.API_TOKEN_CREATED, created.ownerToken().token().resourceName()));
    assertThat(ports.audit.entries()).allSatisfy(entry -> {
      assertThat(entry.actor().resourceName()).isEqualTo("operator");
      assertThat(entry.token()).isEmpty();
      assertThat(entry.tenantId()).isEqualTo(created.tenant().id());
      assertThat(entry.time()).isEqualTo(FixedClock.DEFAULT);
    });
  }

  @Test
  void noAuditEntryContainsTheSecret() {
    CreatedTenant created = service.execute(Fixtures.operator(), ACME);
    String secret = created.ownerToken().secret().reveal();

    assertThat(ports.audit.entries()).allSatisfy(entry -> {
      assertThat(entry.toString()).doesNotContain(secret);
      assertThat(entry.details().values()).noneMatch(v -> v.contains(secret.substring(10)));
    });
  }

  @Test
  void whenTheTokenCannotBeStoredNothingIsCreated() {
    ports.tokens.failNextInsert(new IllegalStateException("database went away"));

    assertThatThrownBy(() -> service.execute(Fixtures.operator(), ACME)).hasMessage("database went away");

    assertThat(ports.tenants.all()).isEmpty();
    assertThat(ports.roles.all()).isEmpty();
    assertThat(ports.users.all()).isEmpty();
    assertThat(ports.tokens.all()).isEmpty();
    assertThat(ports.audit.entries()).isEmpty();
  }

  @Test
  void aFailedCreationLeavesEarlierTenantsUntouched() {
    CreatedTenant earlier = service.execute(Fixtures.operator(), Fixtures.createTenantCommand());
    int auditEntries = ports.audit.entries().size();
    ports.audit.failNextAppend(new IllegalStateException("audit table is locked"));

    assertThatThrownBy(() -> service.execute(Fixtures.operator(), ACME)).hasMessage("audit table is locked");

    assertThat(ports.tenants.all()).containsExactly(earlier.tenant());
    assertThat(ports.users.all()).containsExactly(earlier.owner());
    assertThat(ports.roles.all()).hasSize(2);
    assertThat(ports.tokens.all()).containsExactly(earlier.ownerToken().token());
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void twoTenantsMayHaveOwnersWithTheSameEmail() {
    CreatedTenant first = service.execute(Fixtures.operator(), ACME);
    CreatedTenant second = service.execute(Fixtures.operator(), ACME);

    assertThat(first.tenant().id()).isNotEqualTo(second.tenant().id());
    assertThat(ports.users.all()).hasSize(2);
    assertThat(first.ownerToken().secret()).isNotEqualTo(second.ownerToken().secret());
  }
}
