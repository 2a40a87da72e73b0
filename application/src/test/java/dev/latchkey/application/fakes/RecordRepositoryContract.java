package dev.latchkey.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RecordRepository} promises, the fake and the real adapter alike. */
public abstract class RecordRepositoryContract {
  /** The repositories under test, over the same empty storage. */
  public record Repositories(TenantRepository tenants, RecordRepository records) {}

  private static final Instant NOW = FixedClock.DEFAULT;

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Actor app = new Actor.PrivateAppRef(Fixtures.anyPrivateAppId());
  private RecordRepository records;
  private TenantId tenant;
  private TenantId otherTenant;

  protected abstract Repositories freshRepositories();

  @BeforeEach
  void startEmpty() {
    Repositories r = freshRepositories();
    records = r.records();
    tenant = newTenant(r.tenants());
    otherTenant = newTenant(r.tenants());
  }

  private TenantId newTenant(TenantRepository tenants) {
    Tenant t = Tenant.create(Fixtures.anyTenantId(), Fixtures.anyDisplayName(), NOW);
    tenants.insert(t);
    return t.id();
  }

  @Test
  void ticksHandOutIncreasingSequencesAndStrictlyIncreasingTimes() {
    var first = records.tick(tenant, DataModel.COMPANIES, 3, NOW);
    var second = records.tick(tenant, DataModel.COMPANIES, 1, NOW);
    var third = records.tick(tenant, DataModel.COMPANIES, 2, NOW.minusSeconds(60));

    assertThat(first.lastSequence()).isEqualTo(3);
    assertThat(second.lastSequence()).isEqualTo(4);
    assertThat(third.lastSequence()).isEqualTo(6);
    assertThat(first.time()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(second.time()).isAfter(first.time());
    assertThat(third.time()).isAfter(second.time());
    assertThat(records.tick(tenant, DataModel.TICKETS, 1, NOW).lastSequence()).isEqualTo(1);
  }

  @Test
  void aRecordIsFoundOnlyInItsTenantAndModelAndItsFieldsSurviveStorage() {
    Map<String, FieldValue> values = new LinkedHashMap<>();
    values.put("name", new FieldValue.StringValue("Acme \"quoted\" \\ \n\t ünïcödé 😀"));
    values.put("arr", new FieldValue.NumberValue(1.5));
    values.put("big", new FieldValue.NumberValue(1e300));
    values.put("tiny", new FieldValue.NumberValue(-1.25e-7));
    values.put("count", new FieldValue.NumberValue(9_007_199_254_740_991.0));
    values.put("negative_zero", new FieldValue.NumberValue(-0.0));
    values.put("flag", new FieldValue.BoolValue(true));
    values.put("nothing", new FieldValue.NullValue());
    values.put("nested", new FieldValue.StructValue(Map.of("deeper", new FieldValue.ListValue(List.of(
        new FieldValue.StringValue("x"), new FieldValue.StructValue(Map.of("key with spaces", new FieldValue.NullValue())))))));
    DataRecord record = record(tenant, DataModel.COMPANIES, "acme-1", RecordFields.of(values));

    records.insert(List.of(record));

    assertThat(records.find(tenant, DataModel.COMPANIES, record.id())).contains(record);
    assertThat(records.find(otherTenant, DataModel.COMPANIES, record.id())).isEmpty();
    assertThat(records.find(tenant, DataModel.TICKETS, record.id())).isEmpty();
  }

  @Test
  void anExternalIdIsUniquePerModelInATenant() {
    records.insert(List.of(record(tenant, DataModel.COMPANIES, "same", RecordFields.empty())));
    records.insert(List.of(record(tenant, DataModel.TICKETS, "same", RecordFields.empty())));
    records.insert(List.of(record(otherTenant, DataModel.COMPANIES, "same", RecordFields.empty())));

    assertThatThrownBy(() -> records.insert(List.of(record(tenant, DataModel.COMPANIES, "same", RecordFields.empty()))))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void recordsAreFoundByTheirExternalIds() {
    DataRecord a = record(tenant, DataModel.COMPANIES, "a", RecordFields.empty());
    DataRecord b = record(tenant, DataModel.COMPANIES, "b", RecordFields.empty());
    records.insert(List.of(a, b));
    records.insert(List.of(record(otherTenant, DataModel.COMPANIES, "a", RecordFields.empty())));

    assertThat(records.findByExternalIds(tenant, DataModel.COMPANIES,
        List.of(new ExternalId("a"), new ExternalId("b"), new ExternalId("c")))).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void externalIdsWithSlashesStayApartPerModel() {
    // PostgreSQL keys an external id as "<model>/<external id>"; ids may hold '/' and ':' themselves.
    DataRecord company = record(tenant, DataModel.COMPANIES, "tickets/t-1", RecordFields.empty());
    DataRecord ticket = record(tenant, DataModel.TICKETS, "t-1", RecordFields.empty());
    DataRecord nested = record(tenant, DataModel.COMPANIES, "crm:acct/42/x", RecordFields.empty());
    records.insert(List.of(company, nested));
    records.insert(List.of(ticket));

    assertThat(records.findByExternalIds(tenant, DataModel.COMPANIES,
        List.of(new ExternalId("tickets/t-1"), new ExternalId("t-1"), new ExternalId("crm:acct/42/x"))))
        .containsExactlyInAnyOrder(company, nested);
    assertThat(records.findByExternalIds(tenant, DataModel.TICKETS,
        List.of(new ExternalId("tickets/t-1"), new ExternalId("t-1")))).containsExactly(ticket);
    assertThat(records.list(tenant, DataModel.TICKETS, new RecordFilter(Optional.of(new ExternalId("t-1")),
        Optional.empty(), Optional.empty(), Map.of()), new PageRequest(10, Optional.empty())).items())
        .containsExactly(ticket);
    assertThatThrownBy(() -> records.insert(List.of(record(tenant, DataModel.COMPANIES, "crm:acct/42/x",
        RecordFields.empty())))).isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void updatesAreOptimisticAndDeletesToo() {
    DataRecord a = record(tenant, DataModel.COMPANIES, "a", RecordFields.empty());
    records.insert(List.of(a));
    var tick = records.tick(tenant, DataModel.COMPANIES, 1, NOW.plusSeconds(1));
    DataRecord changed = a.replaceFields(fields("name", "A"), app, tick.time(), tick.lastSequence()).orElseThrow().value();

    assertThat(records.update(List.of(changed))).isEqualTo(1);
    assertThat(records.update(List.of(changed))).isZero();
    assertThat(records.find(tenant, DataModel.COMPANIES, a.id())).contains(changed);
    assertThat(records.delete(a)).isFalse();
    assertThat(records.delete(changed)).isTrue();
    assertThat(records.find(tenant, DataModel.COMPANIES, a.id())).isEmpty();
  }

  @Test
  void listingFollowsTheOrderOfChangesAndFilters() {
    List<DataRecord> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      DataRecord r = record(tenant, DataModel.COMPANIES, "r" + i, fields("tier", i % 2 == 0 ? "gold" : "silver"));
      records.insert(List.of(r));
      made.add(r);
    }
    records.insert(List.of(record(otherTenant, DataModel.COMPANIES, "r0", RecordFields.empty())));

    Page<DataRecord> first = records.list(tenant, DataModel.COMPANIES, RecordFilter.none(),
        new PageRequest(2, Optional.empty()));
    Page<DataRecord> second = records.list(tenant, DataModel.COMPANIES, RecordFilter.none(),
        new PageRequest(10, first.nextCursor()));

    assertThat(first.items()).containsExactly(made.get(0), made.get(1));
    assertThat(second.items()).containsExactly(made.get(2), made.get(3), made.get(4));
    assertThat(second.nextCursor()).isEmpty();
    assertThat(records.list(tenant, DataModel.COMPANIES, new RecordFilter(Optional.of(new ExternalId("r3")),
        Optional.empty(), Optional.empty(), Map.of()), new PageRequest(10, Optional.empty())).items())
        .containsExactly(made.get(3));
    assertThat(records.list(tenant, DataModel.COMPANIES, new RecordFilter(Optional.empty(),
        Optional.of(new RecordFilter.Bound(made.get(2).updateTime(), false)), Optional.empty(), Map.of()),
        new PageRequest(10, Optional.empty())).items()).containsExactly(made.get(3), made.get(4));
    assertThat(records.list(tenant, DataModel.COMPANIES, new RecordFilter(Optional.empty(),
        Optional.of(new RecordFilter.Bound(made.get(2).updateTime(), true)),
        Optional.of(new RecordFilter.Bound(made.get(3).updateTime(), false)), Map.of()),
        new PageRequest(10, Optional.empty())).items()).containsExactly(made.get(2));
    assertThat(records.list(tenant, DataModel.COMPANIES, new RecordFilter(Optional.empty(), Optional.empty(),
        Optional.empty(), Map.of("tier", new FieldValue.StringValue("gold"))),
        new PageRequest(10, Optional.empty())).items()).containsExactly(made.get(0), made.get(2), made.get(4));
  }

  @Test
  void aChangedRecordMovesToTheEndOfTheListing() {
    DataRecord a = record(tenant, DataModel.COMPANIES, "a", RecordFields.empty());
    DataRecord b = record(tenant, DataModel.COMPANIES, "b", RecordFields.empty());
    records.insert(List.of(a));
    records.insert(List.of(b));
    var tick = records.tick(tenant, DataModel.COMPANIES, 1, NOW);
    DataRecord changed = a.replaceFields(fields("k", "v"), app, tick.time(), tick.lastSequence()).orElseThrow().value();
    records.update(List.of(changed));

    assertThat(records.list(tenant, DataModel.COMPANIES, RecordFilter.none(), new PageRequest(10, Optional.empty()))
        .items()).containsExactly(b, changed);
  }

  @Test
  void revisionsArePagedOldestFirstAndKeptAfterDeletion() {
    RecordId id = new RecordId(ids.newId());
    List<RecordRevision> made = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      made.add(new RecordRevision(tenant, DataModel.TICKETS, id, v,
          v == 1 ? RecordRevision.Kind.CREATED : RecordRevision.Kind.UPDATED, NOW.plusSeconds(v), app,
          v == 2 ? null : new ApiTokenId(ids.newId()), null, v == 1 ? List.of("external_id", "fields.a") : List.of(),
          Optional.of(new ExternalId("t-1")), fields("a", "v" + v)));
    }
    records.appendRevisions(made);

    Page<RecordRevision> first = records.revisions(tenant, DataModel.TICKETS, id, new PageRequest(2, Optional.empty()));
    Page<RecordRevision> rest = records.revisions(tenant, DataModel.TICKETS, id, new PageRequest(2, first.nextCursor()));

    assertThat(first.items()).containsExactly(made.get(0), made.get(1));
    assertThat(rest.items()).containsExactly(made.get(2));
    assertThat(records.revisions(otherTenant, DataModel.TICKETS, id, new PageRequest(2, Optional.empty())).items())
        .isEmpty();
  }

  @Test
  void aWriteStampsEverythingFromOneTickAndAppliesOnlyCurrentUpdates() {
    DataRecord a = record(tenant, DataModel.COMPANIES, "a", fields("n", "1"));
    DataRecord b = record(tenant, DataModel.COMPANIES, "b", fields("n", "1"));
    records.insert(List.of(a, b));
    Instant standIn = NOW.minusSeconds(3600);
    // Positions among 4: a changed (1), c new (2); 3 and 4 write nothing (unchanged records, say).
    DataRecord changedA = a.replaceFields(fields("n", "2"), app, standIn, 1).orElseThrow().value();
    DataRecord c = DataRecord.create(tenant, DataModel.COMPANIES, new RecordId(ids.newId()),
        Optional.of(new ExternalId("c")), fields("n", "3"), app, standIn, 2).value();
    RecordRevision revision = new RecordRevision(tenant, DataModel.COMPANIES, c.id(), 1, RecordRevision.Kind.CREATED,
        standIn, app, null, null, List.of("external_id", "fields.n"), c.externalId(), c.fields());
    long before = records.tick(tenant, DataModel.COMPANIES, 0, NOW).lastSequence();

    var written = records.write(tenant, DataModel.COMPANIES, 4, NOW, List.of(c), List.of(changedA), List.of(revision));

    assertThat(written.updated()).isEqualTo(1);
    assertThat(written.tick().lastSequence()).isEqualTo(before + 4);
    assertThat(written.tick().time()).isAfter(a.updateTime());
    DataRecord storedA = RecordRepository.stamp(changedA, written.tick(), 4);
    DataRecord storedC = RecordRepository.stamp(c, written.tick(), 4);
    assertThat(storedA.sequence()).isEqualTo(before + 1);
    assertThat(storedA.createTime()).isEqualTo(a.createTime());
    assertThat(storedC.sequence()).isEqualTo(before + 2);
    assertThat(storedC.createTime()).isEqualTo(written.tick().time());
    assertThat(records.find(tenant, DataModel.COMPANIES, a.id())).contains(storedA);
    assertThat(records.find(tenant, DataModel.COMPANIES, c.id())).contains(storedC);
    assertThat(records.find(tenant, DataModel.COMPANIES, b.id())).contains(b);
    assertThat(records.revisions(tenant, DataModel.COMPANIES, c.id(), new PageRequest(10, Optional.empty())).items())
        .containsExactly(RecordRepository.stamp(revision, written.tick()));
    assertThat(records.list(tenant, DataModel.COMPANIES, RecordFilter.none(), new PageRequest(10, Optional.empty()))
        .items()).containsExactly(b, storedA, storedC);

    // The same update again is a version behind now: not applied, the count says so, and its revision
    // (a version that exists) is not appended.
    RecordRevision staleRevision = new RecordRevision(tenant, DataModel.COMPANIES, a.id(), changedA.version(),
        RecordRevision.Kind.UPDATED, standIn, app, null, null, List.of("fields.n"), a.externalId(), fields("n", "9"));
    records.appendRevisions(List.of(RecordRepository.stamp(staleRevision, written.tick())));
    var again = records.write(tenant, DataModel.COMPANIES, 1, NOW, List.of(), List.of(changedA),
        List.of(staleRevision));
    assertThat(again.updated()).isZero();
    assertThat(records.find(tenant, DataModel.COMPANIES, a.id())).contains(storedA);
    assertThat(records.revisions(tenant, DataModel.COMPANIES, a.id(), new PageRequest(10, Optional.empty())).items())
        .containsExactly(RecordRepository.stamp(staleRevision, written.tick()));
    DataRecord otherC = DataRecord.create(tenant, DataModel.COMPANIES, new RecordId(ids.newId()),
        Optional.of(new ExternalId("c")), fields("n", "4"), app, standIn, 1).value();
    assertThatThrownBy(() -> records.write(tenant, DataModel.COMPANIES, 1, NOW, List.of(otherC), List.of(), List.of()))
        .isInstanceOf(AlreadyExistsException.class);
  }

  private DataRecord record(TenantId tenantId, DataModel model, String externalId, RecordFields fields) {
    var tick = records.tick(tenantId, model, 1, NOW);
    return DataRecord.create(tenantId, model, new RecordId(ids.newId()), Optional.of(new ExternalId(externalId)),
        fields, app, tick.time(), tick.lastSequence()).value();
  }

  private static RecordFields fields(String key, String value) {
    return RecordFields.of(Map.of(key, new FieldValue.StringValue(value)));
  }
}
