package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading the audit trail back: details, paging, the target filter, tenants. */
class JooqAuditLogTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqAuditLog audit = new JooqAuditLog(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void everyFieldAndAnyDetailSurvivesTheRoundTrip() {
    TenantId tenant = newTenant();
    Map<String, String> details = new HashMap<>();
    details.put("display_name", "Quote \" backslash \\ newline \n unicode ✓ {\"json\": [1]}");
    details.put("empty", "");
    details.put("grants", "companies:read,tickets:update");
    details.put("ключ", "значение");
    AuditEntry entry = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT.plusMillis(1),
        new Actor.PrivateAppRef(new PrivateAppId(ids.newId())), new ApiTokenId(ids.newId()),
        AuditAction.PRIVATE_APP_UPDATED, "privateApps/x", details);
    AuditEntry plain = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT,
        new Actor.UserRef(new UserId(ids.newId())), null, AuditAction.PRIVATE_APP_DELETED, "privateApps/x", Map.of());
    audit.append(entry);
    audit.append(plain);

    assertThat(audit.list(tenant, new PageRequest(10, Optional.empty()), Optional.empty()).items())
        .containsExactly(plain, entry);
  }

  @Test
  void theOperatorActingForAUserIsStoredAndReadBackAsTheMeans() {
    TenantId tenant = newTenant();
    Actor.UserRef user = new Actor.UserRef(new UserId(ids.newId()));
    AuditEntry own = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT, user,
        new ApiTokenId(ids.newId()), AuditAction.API_TOKEN_CREATED, user.resourceName() + "/tokens/t", Map.of());
    AuditEntry actedFor = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT, user, null,
        new Actor.Operator(), AuditAction.USER_UPDATED, user.resourceName(), Map.of("display_name", "Ann"));
    audit.append(own);
    audit.append(actedFor);

    List<AuditEntry> read = audit.list(tenant, new PageRequest(10, Optional.empty()), Optional.empty()).items();
    assertThat(read).containsExactly(actedFor, own);
    assertThat(read.get(0).viaMeans()).contains(new Actor.Operator());
    assertThat(read.get(0).token()).isEmpty();
    assertThat(read.get(1).viaMeans()).isEmpty();
    assertThat(Sql.strings(database.dataSource(), "select coalesce(means, '-') from audit_event where tenant_id = '"
        + tenant + "' order by id")).containsExactly("-", "operator");
  }

  @Test
  void theDatabaseRefusesAnEntryWithBothATokenAndAMeansOrAnUnknownMeans() {
    TenantId tenant = newTenant();
    Actor.UserRef user = new Actor.UserRef(new UserId(ids.newId()));
    AuditEntry both = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT, user,
        new ApiTokenId(ids.newId()), new Actor.Operator(), AuditAction.USER_UPDATED, user.resourceName(), Map.of());

    assertThatThrownBy(() -> audit.append(both)).hasStackTraceContaining("audit_event_token_or_means");
    assertThatThrownBy(() -> Sql.execute(database.dataSource(), "insert into audit_event (tenant_id, id, time, actor, "
        + "action, target, details, means) values ('" + tenant + "', gen_random_uuid(), now(), 'operator', "
        + "'user.updated', 'users/x', '{}', 'privateApps/x')")).hasStackTraceContaining("audit_event_means_check");
    assertThat(audit.list(tenant, new PageRequest(10, Optional.empty()), Optional.empty()).items()).isEmpty();
  }

  @Test
  void entriesAreListedNewestFirstPagedByTheLastIdInTheirTenantOnly() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    List<AuditEntry> appended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      appended.add(append(tenant, "privateApps/" + i));
      append(other, "privateApps/" + i);
    }

    Page<AuditEntry> first = audit.list(tenant, new PageRequest(2, Optional.empty()), Optional.empty());
    Page<AuditEntry> second = audit.list(tenant, new PageRequest(2, first.nextCursor()), Optional.empty());
    Page<AuditEntry> third = audit.list(tenant, new PageRequest(2, second.nextCursor()), Optional.empty());

    assertThat(first.items()).containsExactly(appended.get(4), appended.get(3));
    assertThat(first.nextCursor()).contains(appended.get(3).id().toString());
    assertThat(second.items()).containsExactly(appended.get(2), appended.get(1));
    assertThat(third.items()).containsExactly(appended.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void aTargetSelectsItselfAndWhatLiesUnderItTakingWildcardsLiterally() {
    TenantId tenant = newTenant();
    AuditEntry app = append(tenant, "privateApps/a_b");
    AuditEntry token = append(tenant, "privateApps/a_b/tokens/t");
    append(tenant, "privateApps/a_bc");
    append(tenant, "privateApps/aXb/tokens/t");
    append(tenant, "privateApps/a_b-tokens");
    AuditEntry percent = append(tenant, "privateApps/%/tokens/t");
    AuditEntry bang = append(tenant, "privateApps/a!b/tokens/t");
    append(newTenant(), "privateApps/a_b");

    assertThat(list(tenant, "privateApps/a_b")).containsExactly(token, app);
    assertThat(list(tenant, "privateApps/a_b/tokens/t")).containsExactly(token);
    assertThat(list(tenant, "privateApps/%")).containsExactly(percent);
    assertThat(list(tenant, "privateApps/a!b")).containsExactly(bang);
    assertThat(list(tenant, "privateApps")).hasSize(7);
    assertThat(list(tenant, "privateApps/")).isEmpty();
    assertThat(list(tenant, "privateApps/nothing")).isEmpty();
  }

  @Test
  void aFilteredListingIsPagedToo() {
    TenantId tenant = newTenant();
    AuditEntry app = append(tenant, "privateApps/p");
    append(tenant, "privateApps/q");
    AuditEntry first = append(tenant, "privateApps/p/tokens/1");
    append(tenant, "privateApps/q/tokens/1");
    AuditEntry second = append(tenant, "privateApps/p/tokens/2");

    Page<AuditEntry> one = audit.list(tenant, new PageRequest(2, Optional.empty()), Optional.of("privateApps/p"));
    Page<AuditEntry> two = audit.list(tenant, new PageRequest(2, one.nextCursor()), Optional.of("privateApps/p"));

    assertThat(one.items()).containsExactly(second, first);
    assertThat(two.items()).containsExactly(app);
    assertThat(two.nextCursor()).isEmpty();
  }

  private List<AuditEntry> list(TenantId tenant, String target) {
    return audit.list(tenant, new PageRequest(100, Optional.empty()), Optional.of(target)).items();
  }

  private AuditEntry append(TenantId tenant, String target) {
    AuditEntry entry = new AuditEntry(tenant, new AuditEventId(ids.newId()), FixedClock.DEFAULT, new Actor.Operator(),
        null, AuditAction.API_TOKEN_CREATED, target, Map.of("n", target));
    audit.append(entry);
    return entry;
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), FixedClock.DEFAULT));
    return id;
  }
}
