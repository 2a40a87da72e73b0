package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the PostgreSQL adapters add beyond the repository contract: transactions, audit, failures. */
class PostgresAdaptersTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);
  private final JooqRoleRepository roles = new JooqRoleRepository(db);
  private final JooqAuditLog audit = new JooqAuditLog(db);
  private final JooqTransactions transactions = new JooqTransactions(db);

  @Test
  void aChangeAndItsAuditEntryRollBackTogether() {
    TenantId id = new TenantId(ids.newId());

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      tenants.insert(Tenant.create(id, new DisplayName("Doomed"), FixedClock.DEFAULT));
      audit.append(entry(id, Map.of("display_name", "Doomed")));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(tenants.findById(id)).isEmpty();
    assertThat(count("select count(*) from audit_event where tenant_id = '" + id + "'")).isZero();
  }

  @Test
  void aCommittedTransactionKeepsEveryWrite() {
    TenantId id = new TenantId(ids.newId());

    transactions.inTransaction(() -> {
      tenants.insert(Tenant.create(id, new DisplayName("Kept"), FixedClock.DEFAULT));
      audit.append(entry(id, Map.of()));
      return null;
    });

    assertThat(tenants.findById(id)).isPresent();
    assertThat(count("select count(*) from audit_event where tenant_id = '" + id + "'")).isEqualTo(1);
  }

  @Test
  void auditDetailsAreStoredAsAJsonObjectWithAnyCharacters() throws SQLException {
    TenantId id = insertTenant();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("display_name", "Quote \" backslash \\ newline \n unicode ✓");
    details.put("empty", "");
    audit.append(entry(id, details));

    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select details ->> 'display_name', details ->> 'empty', "
            + "jsonb_typeof(details) from audit_event where tenant_id = '" + id + "'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("Quote \" backslash \\ newline \n unicode ✓");
      assertThat(r.getString(2)).isEmpty();
      assertThat(r.getString(3)).isEqualTo("object");
    }
  }

  @Test
  void theAuditTrailRefusesUpdatesAndDeletes() {
    TenantId id = insertTenant();
    audit.append(entry(id, Map.of()));

    assertThatThrownBy(() -> execute("update audit_event set action = 'forged' where tenant_id = '" + id + "'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute("delete from audit_event where tenant_id = '" + id + "'"))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> execute("truncate audit_event")).hasMessageContaining("append-only");
  }

  @Test
  void roleGrantsSurviveTheRoundTrip() {
    TenantId tenant = insertTenant();
    PermissionSet grants = PermissionSet.of(
        Grant.of(DataModel.TICKETS, Action.READ, Action.DELETE),
        Grant.of(DataModel.PRIVATE_APPS, Action.CREATE),
        Grant.of(DataModel.TOKEN_INTROSPECTION, Action.READ));
    Role role = new Role(tenant, new RoleId(ids.newId()), new DisplayName("Support"), grants, true,
        FixedClock.DEFAULT, FixedClock.DEFAULT, 1);

    roles.insert(role);

    assertThat(roles.findById(tenant, role.id())).contains(role);
  }

  @Test
  void theDatabaseRefusesMalformedGrants() {
    TenantId tenant = insertTenant();

    assertThatThrownBy(() -> execute("insert into role values ('" + tenant + "', gen_random_uuid(), 'x', "
        + "'{companies:fly}', false, now(), now(), 1)")).hasMessageContaining("role_grants_check");
    assertThatThrownBy(() -> execute("insert into role values ('" + tenant + "', gen_random_uuid(), 'x', "
        + "'{companies:read,companies:read}', false, now(), now(), 1)")).hasMessageContaining("role_grants_check");
  }

  @Test
  void anUnreachableDatabaseIsUnavailableNotAnInternalError() {
    try (var unreachable = PostgresDataSources.create("jdbc:postgresql://127.0.0.1:1/nothing", "postgres", null, 1)) {
      Database down = new Database(unreachable);

      assertThatThrownBy(() -> new JooqTenantRepository(down).findById(new TenantId(ids.newId())))
          .isInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> new JooqTransactions(down).inTransaction(() -> 1))
          .isInstanceOf(UnavailableException.class);
      assertThat(down.isReachable()).isFalse();
    }
  }

  @Test
  void aReachableDatabaseSaysSo() {
    assertThat(db.isReachable()).isTrue();
  }

  @Test
  void noStatementStartsOnceTheCallersDeadlineHasPassed() {
    Database late = new Database(database.dataSource(), () -> java.util.OptionalLong.of(0));

    assertThatThrownBy(() -> late.run(dsl -> dsl.selectOne().fetch()))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("deadline");
    assertThatThrownBy(() -> new JooqTransactions(late).inTransaction(() -> 1))
        .isInstanceOf(UnavailableException.class);
  }

  @Test
  void aStatementIsCutShortAtTheCallersDeadline() {
    Database hurried = new Database(database.dataSource(), () -> java.util.OptionalLong.of(900));

    // 900 ms left rounds up to a 1 s JDBC timeout, well before the 5 s the statement wants.
    assertThatThrownBy(() -> hurried.run(dsl -> dsl.fetch("select pg_sleep(5)")))
        .isInstanceOf(UnavailableException.class);
    Object one = hurried.run(dsl -> dsl.fetchValue("select 1"));
    assertThat(one).isEqualTo(1);
  }

  private TenantId insertTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant " + id), FixedClock.DEFAULT));
    return id;
  }

  private AuditEntry entry(TenantId tenant, Map<String, String> details) {
    return new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT, new Actor.Operator(), null,
        AuditAction.TENANT_CREATED, "tenants/" + tenant, details);
  }

  private static long count(String sql) {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
