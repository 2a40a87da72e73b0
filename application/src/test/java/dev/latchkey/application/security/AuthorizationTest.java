package dev.latchkey.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.GetRecordQuery;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
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
    TENANT_PRINCIPAL_WITHOUT_GRANTS,
    INGEST_TOKEN;

    Principal principal() {
      return switch (this) {
        case OPERATOR -> Fixtures.operator();
        case TENANT_PRINCIPAL_WITH_EVERY_GRANT -> Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.all());
        case TENANT_PRINCIPAL_WITHOUT_GRANTS -> Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.none());
        case INGEST_TOKEN -> new Principal.IngestPrincipal(Fixtures.anyTenantId(), java.util.UUID.randomUUID());
      };
    }
  }

  private static final Set<Caller> TENANT_PRINCIPALS =
      EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT, Caller.TENANT_PRINCIPAL_WITHOUT_GRANTS);
  /** An ingest token opens the ingestion API and nothing else, not even "any caller" operations. */
  private static final Set<Caller> ANY_BUT_INGEST = EnumSet.complementOf(EnumSet.of(Caller.INGEST_TOKEN));

  /** Who may run what. A new operation fails {@link #everyOperationIsInTheTable} until it is added. */
  private static final Map<Operation, Set<Caller>> ALLOWED = Map.ofEntries(
      Map.entry(Operation.CREATE_TENANT, EnumSet.of(Caller.OPERATOR)),
      Map.entry(Operation.GET_TENANT, EnumSet.of(Caller.OPERATOR)),
      Map.entry(Operation.LIST_TENANTS, EnumSet.of(Caller.OPERATOR)),
      Map.entry(Operation.GET_RATE_LIMIT, EnumSet.of(Caller.OPERATOR)),
      Map.entry(Operation.UPDATE_RATE_LIMIT, EnumSet.of(Caller.OPERATOR)),
      Map.entry(Operation.GET_CALLER_IDENTITY, ANY_BUT_INGEST),
      Map.entry(Operation.INTROSPECT_TOKEN, EnumSet.of(Caller.OPERATOR, Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.CHECK_ACCESS, EnumSet.of(Caller.OPERATOR, Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_DATA_MODELS, ANY_BUT_INGEST),
      Map.entry(Operation.CREATE_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.GET_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_PRIVATE_APPS, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.UPDATE_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.ENABLE_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.DISABLE_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.DELETE_PRIVATE_APP, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      // The owner-dependent rule is applied by the use case; see TokenOwnerRulesTest.
      Map.entry(Operation.CREATE_API_TOKEN, TENANT_PRINCIPALS),
      Map.entry(Operation.GET_API_TOKEN, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_API_TOKENS, TENANT_PRINCIPALS),
      Map.entry(Operation.DELETE_API_TOKEN, TENANT_PRINCIPALS),
      // Webhooks are the account holder's alone: the use cases check that (AccountHolderService).
      Map.entry(Operation.CREATE_WEBHOOK, TENANT_PRINCIPALS),
      Map.entry(Operation.GET_WEBHOOK, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_WEBHOOKS, TENANT_PRINCIPALS),
      Map.entry(Operation.UPDATE_WEBHOOK, TENANT_PRINCIPALS),
      Map.entry(Operation.DELETE_WEBHOOK, TENANT_PRINCIPALS),
      Map.entry(Operation.TEST_WEBHOOK, TENANT_PRINCIPALS),
      Map.entry(Operation.ROTATE_WEBHOOK_SECRET, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_WEBHOOK_DELIVERIES, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_WEBHOOK_EVENT_TYPES, TENANT_PRINCIPALS),
      Map.entry(Operation.CREATE_ROLE, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.GET_ROLE, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_ROLES, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.UPDATE_ROLE, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.DELETE_ROLE, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.CREATE_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.GET_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_USERS, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.UPDATE_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.DEACTIVATE_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.REACTIVATE_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.DELETE_USER, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      // Only the account holder, whatever its grants; see UserUseCasesTest.
      Map.entry(Operation.TRANSFER_ACCOUNT_HOLDER, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_AUDIT_EVENTS, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_REQUEST_LOGS, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.ROTATE_INGEST_TOKEN, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.GET_INGEST_TOKEN, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.LIST_ACTIVITIES, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.QUERY_METRICS, EnumSet.of(Caller.TENANT_PRINCIPAL_WITH_EVERY_GRANT)),
      Map.entry(Operation.TRACK_ACTIVITIES, EnumSet.of(Caller.INGEST_TOKEN)),
      Map.entry(Operation.PUSH_METRICS, EnumSet.of(Caller.INGEST_TOKEN)),
      // The grant on the model the request names is checked by require(Principal, Request); see below.
      Map.entry(Operation.CREATE_RECORD, TENANT_PRINCIPALS),
      Map.entry(Operation.GET_RECORD, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_RECORDS, TENANT_PRINCIPALS),
      Map.entry(Operation.UPDATE_RECORD, TENANT_PRINCIPALS),
      Map.entry(Operation.DELETE_RECORD, TENANT_PRINCIPALS),
      Map.entry(Operation.BATCH_UPSERT_RECORDS, TENANT_PRINCIPALS),
      Map.entry(Operation.LIST_RECORD_REVISIONS, TENANT_PRINCIPALS));

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
  void aRecordRequestNeedsItsActionOnTheModelItNames() {
    var readCompanies = Fixtures.tenantPrincipal(Fixtures.anyTenantId(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
    var get = new GetRecordQuery(DataModel.COMPANIES, new RecordId(java.util.UUID.randomUUID()));
    var getTicket = new GetRecordQuery(DataModel.TICKETS, new RecordId(java.util.UUID.randomUUID()));

    assertThatCode(() -> Authorization.require(readCompanies, get)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Authorization.require(readCompanies, getTicket))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on tickets");
    assertThatThrownBy(() -> Authorization.require(Fixtures.operator(), get))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void anUpsertNeedsCreateAndUpdateOnTheModel() {
    var upsert = new BatchUpsertRecordsCommand(DataModel.COMPANIES, java.util.List.of(
        new BatchUpsertRecordsCommand.Upsert(new ExternalId("x"), RecordFields.empty())));
    var createOnly = Fixtures.tenantPrincipal(Fixtures.anyTenantId(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.CREATE)));
    var updateOnly = Fixtures.tenantPrincipal(Fixtures.anyTenantId(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.UPDATE)));
    var both = Fixtures.tenantPrincipal(Fixtures.anyTenantId(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.CREATE, Action.UPDATE)));

    assertThatThrownBy(() -> Authorization.require(createOnly, upsert)).isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the update permission on companies");
    assertThatThrownBy(() -> Authorization.require(updateOnly, upsert)).isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the create permission on companies");
    assertThatCode(() -> Authorization.require(both, upsert)).doesNotThrowAnyException();
  }

  @Test
  void theRefusalSaysWhatIsNeeded() {
    assertThatThrownBy(() -> Authorization.require(Fixtures.anyTenantPrincipal(), Operation.CREATE_TENANT))
        .hasMessage("this call needs the operator token");
  }

  @Test
  void aGrantRefusalNamesTheActionAndTheDataModel() {
    assertThatThrownBy(() -> Authorization.require(
            Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.none()), Operation.DELETE_PRIVATE_APP))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on private_apps");
  }

  @Test
  void theOperatorIsNoTenantPrincipal() {
    assertThatThrownBy(() -> Authorization.tenantPrincipal(Fixtures.operator()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> Authorization.requireGrant(Fixtures.operator(), DataModel.COMPANIES, Action.READ))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void holdingEveryGrantRequestedPassesTheNoEscalationCheck() {
    Principal.TenantPrincipal caller = Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.of(
        Grant.of(DataModel.COMPANIES, Action.READ, Action.UPDATE), Grant.of(DataModel.TICKETS, Action.READ)));

    assertThatCode(() -> Authorization.requireHolds(caller, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ))))
        .doesNotThrowAnyException();
    assertThatCode(() -> Authorization.requireHolds(caller, PermissionSet.none())).doesNotThrowAnyException();
  }

  @Test
  void theNoEscalationRefusalNamesEveryMissingGrant() {
    Principal.TenantPrincipal caller = Fixtures.tenantPrincipal(Fixtures.anyTenantId(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
    PermissionSet requested = PermissionSet.of(
        Grant.of(DataModel.COMPANIES, Action.READ, Action.UPDATE, Action.DELETE), Grant.of(DataModel.TICKETS, Action.READ));

    assertThatThrownBy(() -> Authorization.requireHolds(caller, requested))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("you cannot give permissions you do not hold yourself: "
            + "companies update, companies delete, tickets read");
  }
}
