package dev.latchkey.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthorizationTest {
  private enum Caller {
    OPERATOR,
    TENANT_PRINCIPAL_WITH_EVERY_GRANT,
    TENANT_PRINCIPAL_WITHOUT_GRANTS;

    Principal principal() {
      return switch (this) {
        case OPERATOR -> Fixtures.operator();
        case TENANT_PRINCIPAL_WITH_EVERY_GRANT -> Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.all());
        case TENANT_PRINCIPAL_WITHOUT_GRANTS -> Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.none());
      };
    }
  }

  /** Who may run what. A new operation fails {@link #everyOperationIsInTheTable} until it is added. */
  private static final Map<Operation, Set<Caller>> ALLOWED = Map.of(
      Operation.CREATE_TENANT, EnumSet.of(Caller.OPERATOR),
      Operation.GET_TENANT, EnumSet.of(Caller.OPERATOR),
      Operation.LIST_TENANTS, EnumSet.of(Caller.OPERATOR),
      Operation.GET_CALLER_IDENTITY, EnumSet.allOf(Caller.class),
      Operation.LIST_DATA_MODELS, EnumSet.allOf(Caller.class));

  @Test
  void everyOperationIsInTheTable() {
    assertThat(ALLOWED.keySet()).containsExactlyInAnyOrder(Operation.values());
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void eachKindOfCallerIsPermittedExactlyTheOperationsOfTheTable(Operation operation) {
    for (Caller caller : Caller.values()) {
      boolean expected = ALLOWED.get(operation).contains(caller);
      Principal principal = caller.principal();

      assertThat(Authorization.permits(principal, operation)).as("%s %s", caller, operation).isEqualTo(expected);
      if (expected) {
        assertThatCode(() -> Authorization.require(principal, operation)).doesNotThrowAnyException();
      } else {
        assertThatThrownBy(() -> Authorization.require(principal, operation))
            .as("%s %s", caller, operation)
            .isInstanceOf(PermissionDeniedException.class);
      }
    }
  }

  @Test
  void theRefusalSaysWhatIsNeeded() {
    assertThatThrownBy(() -> Authorization.require(Fixtures.anyTenantPrincipal(), Operation.CREATE_TENANT))
        .hasMessage("this call needs the operator token");
  }
}
