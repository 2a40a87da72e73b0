package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.in.CreateRecordCommand;
import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A batch upsert (and an update) reads the existing records before it takes the model's tick, so
 * another writer can change them in between. Simulated here by a first read that answers the state
 * from before that writer: whatever the write would get wrong from it is caught, and it runs again
 * (an update with an etag is refused instead: its etag is stale).
 */
class BatchUpsertRecordsRaceTest {
  private static final PermissionSet COMPANIES_ALL = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final TenantId tenant = ports.createTenant().tenant().id();
  private final Principal.TenantPrincipal app = Fixtures.tenantPrincipal(tenant, COMPANIES_ALL);
  private final StaleFirstRead records = new StaleFirstRead(ports.records);
  private final BatchUpsertRecordsService service = new BatchUpsertRecordsService(ports.transactions, records,
      new RecordHistory(records, ports.changeRecorder()), ports.ids, ports.clock);
  private final UpdateRecordService updates = new UpdateRecordService(ports.transactions, records,
      new RecordHistory(records, ports.changeRecorder()), ports.clock);

  @Test
  void anUpdateWithoutEtagOfARecordChangedSinceTheReadAppliesToItsNewVersion() {
    DataRecord v1 = create("a", "Old");
    DataRecord v2 = update(v1, "Other");
    records.firstFind = v1;

    DataRecord result = updates.execute(app, new UpdateRecordCommand(DataModel.COMPANIES, v1.id(),
        new DataRecord.Patch(Optional.empty(), Optional.empty(), Map.of("tier", Optional.of(
            new FieldValue.StringValue("gold")))), OptionalLong.empty()));

    assertThat(result.version()).isEqualTo(v2.version() + 1);
    assertThat(result.fields().values()).containsEntry("name", new FieldValue.StringValue("Other"))
        .containsEntry("tier", new FieldValue.StringValue("gold"));
    assertThat(stored(v1)).isEqualTo(result);
    assertThat(revisionsOf(v1)).hasSize(3);
  }

  @Test
  void anUpdateWithTheEtagItReadIsRefusedWhenAnotherWriterCameBetween() {
    DataRecord v1 = create("a", "Old");
    DataRecord v2 = update(v1, "Other");
    records.firstFind = v1;

    assertThatThrownBy(() -> updates.execute(app, new UpdateRecordCommand(DataModel.COMPANIES, v1.id(),
        new DataRecord.Patch(Optional.empty(), Optional.of(fields("Mine")), Map.of()), OptionalLong.of(1))))
        .isInstanceOf(ConflictException.class);
    assertThat(stored(v1)).isEqualTo(v2);
  }

  @Test
  void withoutAnotherWriterTheReadComesBeforeTheTickAndTheBatchRunsOnce() {
    DataRecord a = create("a", "Old");

    BatchUpsertResult result = upsert(Map.of("a", "New", "b", "Two"));

    assertThat(records.calls).containsExactly("find", "tick", "insert", "update", "revisions");
    assertThat(result.created()).isEqualTo(1);
    assertThat(result.updated()).isEqualTo(1);
    assertThat(stored(a).fields()).isEqualTo(fields("New"));
    assertThat(ports.transactions.rolledBack()).isZero();
  }

  @Test
  void aRecordChangedSinceTheReadIsUpdatedFromItsNewVersion() {
    DataRecord v1 = create("a", "Old");
    DataRecord v2 = update(v1, "Other");
    records.firstRead = found -> found.stream().map(r -> r.id().equals(v1.id()) ? v1 : r).toList();

    BatchUpsertResult result = upsert(Map.of("a", "Newest"));

    assertThat(result.updated()).isEqualTo(1);
    assertThat(stored(v1).fields()).isEqualTo(fields("Newest"));
    assertThat(stored(v1).version()).isEqualTo(v2.version() + 1);
    assertThat(records.calls).containsSubsequence("find", "tick", "update", "tick", "find", "update", "revisions");
  }

  @Test
  void anUnchangedRecordThatAnotherWriterChangedSinceTheReadIsChangedBack() {
    DataRecord v1 = create("a", "Same");
    update(v1, "Other");
    records.firstRead = found -> found.stream().map(r -> r.id().equals(v1.id()) ? v1 : r).toList();

    BatchUpsertResult result = upsert(Map.of("a", "Same"));

    assertThat(result.unchanged()).isZero();
    assertThat(result.updated()).isEqualTo(1);
    assertThat(stored(v1).fields()).isEqualTo(fields("Same"));
    assertThat(revisionsOf(v1)).hasSize(3);
  }

  @Test
  void anUnchangedRecordStillInTheVersionReadIsLeftAlone() {
    DataRecord v1 = create("a", "Same");

    BatchUpsertResult result = upsert(Map.of("a", "Same"));

    assertThat(result.unchanged()).isEqualTo(1);
    assertThat(result.records()).containsExactly(v1);
    assertThat(ports.transactions.rolledBack()).isZero();
  }

  @Test
  void aRecordCreatedSinceTheReadIsUpdatedNotRefused() {
    DataRecord made = create("a", "Theirs");
    records.firstRead = found -> found.stream().filter(r -> !r.id().equals(made.id())).toList();

    BatchUpsertResult result = upsert(Map.of("a", "Ours"));

    assertThat(result.created()).isZero();
    assertThat(result.updated()).isEqualTo(1);
    assertThat(stored(made).fields()).isEqualTo(fields("Ours"));
    assertThat(ports.records.all()).hasSize(1);
  }

  private BatchUpsertResult upsert(Map<String, String> names) {
    records.calls.clear();
    List<BatchUpsertRecordsCommand.Upsert> upserts = new ArrayList<>();
    names.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> upserts.add(
        new BatchUpsertRecordsCommand.Upsert(new ExternalId(e.getKey()), fields(e.getValue()))));
    return service.execute(app, new BatchUpsertRecordsCommand(DataModel.COMPANIES, upserts));
  }

  private DataRecord create(String externalId, String name) {
    return ports.createRecordService().execute(app, new CreateRecordCommand(DataModel.COMPANIES,
        Optional.of(new ExternalId(externalId)), fields(name)));
  }

  private DataRecord update(DataRecord record, String name) {
    return ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES, record.id(),
        new DataRecord.Patch(Optional.empty(), Optional.of(fields(name)), Map.of()), OptionalLong.empty()));
  }

  private DataRecord stored(DataRecord record) {
    return ports.records.find(tenant, DataModel.COMPANIES, record.id()).orElseThrow();
  }

  private List<RecordRevision> revisionsOf(DataRecord record) {
    return ports.records.revisions(tenant, DataModel.COMPANIES, record.id(), new PageRequest(100, Optional.empty()))
        .items();
  }

  private static RecordFields fields(String name) {
    return RecordFields.of(Map.of("name", new FieldValue.StringValue(name)));
  }

  /** The fake repository, whose first read by external ids may answer an older state; calls noted. */
  private static final class StaleFirstRead implements RecordRepository {
    private final RecordRepository delegate;
    final List<String> calls = new ArrayList<>();
    UnaryOperator<List<DataRecord>> firstRead = UnaryOperator.identity();
    @org.jspecify.annotations.Nullable DataRecord firstFind;

    StaleFirstRead(RecordRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public Tick tick(TenantId tenantId, DataModel dataModel, int count, Instant now) {
      calls.add("tick");
      return delegate.tick(tenantId, dataModel, count, now);
    }

    @Override
    public void insert(List<DataRecord> records) {
      calls.add("insert");
      delegate.insert(records);
    }

    @Override
    public Optional<DataRecord> find(TenantId tenantId, DataModel dataModel, RecordId id) {
      DataRecord stale = firstFind;
      firstFind = null;
      return stale != null ? Optional.of(stale) : delegate.find(tenantId, dataModel, id);
    }

    @Override
    public List<DataRecord> findByExternalIds(
        TenantId tenantId, DataModel dataModel, Collection<ExternalId> externalIds) {
      calls.add("find");
      List<DataRecord> found = delegate.findByExternalIds(tenantId, dataModel, externalIds);
      UnaryOperator<List<DataRecord>> view = firstRead;
      firstRead = UnaryOperator.identity();
      return view.apply(found);
    }

    @Override
    public int update(List<DataRecord> records) {
      calls.add("update");
      return delegate.update(records);
    }

    @Override
    public boolean delete(DataRecord record) {
      return delegate.delete(record);
    }

    @Override
    public Page<DataRecord> list(TenantId tenantId, DataModel dataModel, RecordFilter filter, PageRequest request) {
      return delegate.list(tenantId, dataModel, filter, request);
    }

    @Override
    public void appendRevisions(List<RecordRevision> revisions) {
      calls.add("revisions");
      delegate.appendRevisions(revisions);
    }

    @Override
    public Page<RecordRevision> revisions(TenantId tenantId, DataModel dataModel, RecordId id, PageRequest request) {
      return delegate.revisions(tenantId, dataModel, id, request);
    }
  }
}
