package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.RECORD;
import static dev.latchkey.adapter.postgres.schema.Tables.RECORD_CLOCK;
import static dev.latchkey.adapter.postgres.schema.Tables.RECORD_REVISION;

import dev.latchkey.adapter.postgres.schema.tables.records.RecordRecord;
import dev.latchkey.adapter.postgres.schema.tables.records.RecordRevisionRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Records and their revisions in PostgreSQL ({@code jsonb} fields). A batch is one statement per
 * step whatever its size: rows travel as arrays, unnested by the server.
 *
 * <p>Given records are reached by one index probe each, whatever the table's statistics say: until
 * a table is first analysed (a new installation's first sync) the planner rates every tenant and
 * model as one row, and then prefers reading the whole model, once per batch (a hash join) or once
 * per record. So a lookup names only columns that the intended index alone serves: by id the
 * primary key {@code (tenant_id, id)}, the model checked on the row; by external id the unique
 * expression {@code (tenant_id, data_model || '/' || external_id)} (V11). A condition on
 * {@code tenant_id} and {@code data_model} both would fit the change order index as well, a tie the
 * planner may break the wrong way. Lookups are lateral subqueries with {@code limit 1}, a nested
 * loop by construction; an update joins the rows so found by {@code ctid} and by the version the
 * probe read (no condition relates the updated row to the batch directly, so it cannot be joined
 * before the probe), planned with nested loops only ({@link #PROBES_ONLY}). When a concurrent
 * update makes PostgreSQL re-read a row, its version no longer matches and it is left alone.
 */
public final class JooqRecordRepository implements RecordRepository {
  static final String EXTERNAL_ID_UNIQUE = "record_external_id_unique";

  private static final String INSERT_RECORDS = """
      insert into record (tenant_id, data_model, id, external_id, fields, create_time, update_time, creator,
                          updater, version, sequence)
      select {0}, {1}, v.id, v.external_id, v.fields::jsonb, v.create_time, v.update_time, v.creator,
             v.updater, v.version, v.sequence
      from unnest({2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10})
           as v(id, external_id, fields, create_time, update_time, creator, updater, version, sequence)""";

  private static final String UPDATE_RECORDS = """
      update record r
      set external_id = v.external_id, fields = v.fields::jsonb, update_time = v.update_time,
          updater = v.updater, version = v.version, sequence = v.sequence
      from (select v.*, x.row_ctid, x.row_version
            from unnest({2}, {3}, {4}, {5}, {6}, {7}, {8})
                 as v(id, external_id, fields, update_time, updater, version, sequence)
            cross join lateral (select ctid as row_ctid, version as row_version from record
                                where tenant_id = {0} and id = v.id and version = v.version - 1 limit 1) x) v
      where r.ctid = v.row_ctid and r.version = v.row_version and r.data_model = {1}""";

  // write(): the tick first (the model's other writers wait here from now to the commit), then the
  // records and revisions stamped from it (the statement's snapshot predates the tick's wait, but an
  // update re-checks the row's latest version and the unique index sees every committed key).
  private static final String WRITE = """
      with t as (
        insert into record_clock as c (tenant_id, data_model, last_sequence, last_time) values ({0}, {1}, {2}, {3})
        on conflict (tenant_id, data_model) do update
          set last_sequence = c.last_sequence + excluded.last_sequence,
              last_time = greatest(excluded.last_time, c.last_time + interval '1 microsecond')
        returning c.last_sequence - {2} as base, c.last_sequence, c.last_time),
      ins as (
        insert into record (tenant_id, data_model, id, external_id, fields, create_time, update_time, creator,
                            updater, version, sequence)
        select {0}, {1}, v.id, v.external_id, v.fields::jsonb, t.last_time, t.last_time, v.creator, v.creator, 1,
               t.base + v.position
        from t, unnest({4}, {5}, {6}, {7}, {8}) as v(id, external_id, fields, creator, position)),
      upd as (
        update record r
        set external_id = v.external_id, fields = v.fields::jsonb, update_time = t.last_time, updater = v.updater,
            version = v.version, sequence = t.base + v.position
        from t, (select v.*, x.row_ctid, x.row_version
                 from unnest({9}, {10}, {11}, {12}, {13}, {14}) as v(id, external_id, fields, updater, version, position)
                 cross join lateral (select ctid as row_ctid, version as row_version from record
                                     where tenant_id = {0} and id = v.id and version = v.version - 1 limit 1) x) v
        where r.ctid = v.row_ctid and r.version = v.row_version and r.data_model = {1}
        returning r.id),
      rev as (
        insert into record_revision (tenant_id, record_id, version, data_model, kind, time, actor, token_id, means,
                                     changed_fields, external_id, fields)
        select {0}, v.record_id, v.version, {1}, v.kind, t.last_time, v.actor, v.token_id, v.means,
               coalesce(string_to_array(v.changed_fields, ' '), '{}'), v.external_id, v.fields::jsonb
        from t, unnest({15}, {16}, {17}, {18}, {19}, {20}, {21}, {22}, {23})
             as v(record_id, version, kind, actor, token_id, means, changed_fields, external_id, fields)
        -- An update not applied (a version behind) leaves no revision: its version is another's.
        where v.kind <> 'UPDATED' or v.record_id in (select id from upd))
      select t.last_sequence, t.last_time, (select count(*) from upd) as updated from t""";

  private static final String INSERT_REVISIONS = """
      insert into record_revision (tenant_id, record_id, version, data_model, kind, time, actor, token_id, means,
                                   changed_fields, external_id, fields)
      select {0}, v.record_id, v.version, {1}, v.kind, v.time, v.actor, v.token_id, v.means,
             coalesce(string_to_array(v.changed_fields, ' '), '{}'), v.external_id, v.fields::jsonb
      from unnest({2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11})
           as v(record_id, version, kind, time, actor, token_id, means, changed_fields, external_id, fields)""";

  // An update of given records probes the primary key for each (a lateral subquery) and joins the
  // row found by its ctid. The planner could still join that ctid (or the version) by hashing or
  // sorting the whole table, rated as a few rows when it has no statistics (see the class comment),
  // so the update is planned with nested loops alone, then every plan is allowed again. Both are
  // local to the transaction: a failure in between rolls them back.
  static final String PROBES_ONLY = """
      select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
             set_config('enable_material', 'off', true)""";

  private static final String ANY_PLAN = """
      select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true),
             set_config('enable_material', 'on', true)""";

  private static final String FIND_BY_EXTERNAL_KEYS = """
      select r.*
      from unnest({1}) as wanted(key)
      cross join lateral (select * from record
                          where tenant_id = {0} and data_model || '/' || external_id = wanted.key limit 1) r""";

  private final Database database;

  @Inject
  public JooqRecordRepository(Database database) {
    this.database = database;
  }

  @Override
  public Tick tick(TenantId tenantId, DataModel dataModel, int count, Instant now) {
    OffsetDateTime at = Rows.time(now.truncatedTo(ChronoUnit.MICROS));
    var row = database.run(dsl -> dsl.insertInto(RECORD_CLOCK)
        .set(RECORD_CLOCK.TENANT_ID, tenantId.value())
        .set(RECORD_CLOCK.DATA_MODEL, dataModel.apiName())
        .set(RECORD_CLOCK.LAST_SEQUENCE, (long) count)
        .set(RECORD_CLOCK.LAST_TIME, at)
        .onConflict(RECORD_CLOCK.TENANT_ID, RECORD_CLOCK.DATA_MODEL)
        .doUpdate()
        .set(RECORD_CLOCK.LAST_SEQUENCE, RECORD_CLOCK.LAST_SEQUENCE.plus((long) count))
        .set(RECORD_CLOCK.LAST_TIME, DSL.field("greatest({0}, {1} + interval '1 microsecond')",
            RECORD_CLOCK.LAST_TIME.getDataType(), DSL.val(at, RECORD_CLOCK.LAST_TIME), RECORD_CLOCK.LAST_TIME))
        .returning(RECORD_CLOCK.LAST_SEQUENCE, RECORD_CLOCK.LAST_TIME)
        .fetchOne());
    if (row == null) {
      throw new IllegalStateException("the record clock returned no row");
    }
    return new Tick(row.getLastSequence(), Rows.instant(row.getLastTime()));
  }

  @Override
  public void insert(List<DataRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    DataRecord first = records.getFirst();
    uniqueExternalIds(first.dataModel(), () -> database.run(dsl -> dsl.execute(INSERT_RECORDS,
        DSL.val(first.tenantId().value()),
        DSL.val(first.dataModel().apiName()),
        uuids(records.stream().map(r -> r.id().value())),
        texts(records.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(records.stream().map(r -> r.fields().toJson())),
        times(records.stream().map(DataRecord::createTime)),
        times(records.stream().map(DataRecord::updateTime)),
        texts(records.stream().map(r -> r.creator().resourceName())),
        texts(records.stream().map(r -> r.updater().resourceName())),
        longs(records.stream().map(DataRecord::version)),
        longs(records.stream().map(DataRecord::sequence)))));
  }

  @Override
  public Written write(TenantId tenantId, DataModel dataModel, int count, Instant now, List<DataRecord> inserts,
      List<DataRecord> updates, List<RecordRevision> revisions) {
    OffsetDateTime at = Rows.time(now.truncatedTo(ChronoUnit.MICROS));
    return uniqueExternalIds(dataModel, () -> database.run(dsl -> {
      if (!updates.isEmpty()) {
        dsl.resultQuery(PROBES_ONLY).fetch();
      }
      var row = writeQuery(dsl, tenantId, dataModel, count, at, inserts, updates, revisions).fetchOne();
      if (!updates.isEmpty()) {
        dsl.resultQuery(ANY_PLAN).fetch();
      }
      if (row == null) {
        throw new IllegalStateException("the record clock returned no row");
      }
      return new Written(new Tick(row.get(0, Long.class), Rows.instant(row.get(1, OffsetDateTime.class))),
          row.get(2, Long.class).intValue());
    }));
  }

  /** The one statement of {@link #write} (package-private for the access path test). */
  static org.jooq.ResultQuery<org.jooq.Record> writeQuery(org.jooq.DSLContext dsl, TenantId tenantId,
      DataModel dataModel, int count, OffsetDateTime at, List<DataRecord> inserts, List<DataRecord> updates,
      List<RecordRevision> revisions) {
    return dsl.resultQuery(WRITE,
        DSL.val(tenantId.value()),
        DSL.val(dataModel.apiName()),
        DSL.val((long) count),
        DSL.val(at, SQLDataType.TIMESTAMPWITHTIMEZONE(6)),
        uuids(inserts.stream().map(r -> r.id().value())),
        texts(inserts.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(inserts.stream().map(r -> r.fields().toJson())),
        texts(inserts.stream().map(r -> r.creator().resourceName())),
        longs(inserts.stream().map(DataRecord::sequence)),
        uuids(updates.stream().map(r -> r.id().value())),
        texts(updates.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(updates.stream().map(r -> r.fields().toJson())),
        texts(updates.stream().map(r -> r.updater().resourceName())),
        longs(updates.stream().map(DataRecord::version)),
        longs(updates.stream().map(DataRecord::sequence)),
        uuids(revisions.stream().map(r -> r.recordId().value())),
        longs(revisions.stream().map(RecordRevision::version)),
        texts(revisions.stream().map(r -> r.kind().name())),
        texts(revisions.stream().map(r -> r.actor().resourceName())),
        uuids(revisions.stream().map(r -> r.token() == null ? null : r.token().value())),
        texts(revisions.stream().map(r -> r.means() == null ? null : r.means().resourceName())),
        texts(revisions.stream().map(r -> r.changedFields().isEmpty() ? null : String.join(" ", r.changedFields()))),
        texts(revisions.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(revisions.stream().map(r -> r.fields().toJson())));
  }

  /** The lookup of {@link #findByExternalIds} (package-private for the access path test). */
  static org.jooq.ResultQuery<org.jooq.Record> findByExternalIdsQuery(org.jooq.DSLContext dsl, TenantId tenantId,
      DataModel dataModel, Collection<ExternalId> externalIds) {
    return dsl.resultQuery(FIND_BY_EXTERNAL_KEYS, DSL.val(tenantId.value()),
        texts(externalIds.stream().map(x -> externalKey(dataModel, x.value()))));
  }

  @Override
  public Optional<DataRecord> find(TenantId tenantId, DataModel dataModel, RecordId id) {
    // By the primary key alone (see the class comment); a record of another model is not found.
    return database.run(dsl -> dsl.selectFrom(RECORD)
            .where(RECORD.TENANT_ID.eq(tenantId.value()), RECORD.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqRecordRepository::toRecord)
        .filter(r -> r.dataModel() == dataModel);
  }

  @Override
  public List<DataRecord> findByExternalIds(
      TenantId tenantId, DataModel dataModel, Collection<ExternalId> externalIds) {
    if (externalIds.isEmpty()) {
      return List.of();
    }
    // One probe of the external key per id (see the class comment): neither "external_id = any(?)"
    // nor a plain join, which the planner may answer by reading the whole model.
    return database.run(dsl -> findByExternalIdsQuery(dsl, tenantId, dataModel, externalIds).fetchInto(RECORD))
        .stream().map(JooqRecordRepository::toRecord).toList();
  }

  @Override
  public int update(List<DataRecord> records) {
    if (records.isEmpty()) {
      return 0;
    }
    DataRecord first = records.getFirst();
    return uniqueExternalIds(first.dataModel(), () -> database.run(dsl -> probing(dsl, () -> dsl.execute(UPDATE_RECORDS,
        DSL.val(first.tenantId().value()),
        DSL.val(first.dataModel().apiName()),
        uuids(records.stream().map(r -> r.id().value())),
        texts(records.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(records.stream().map(r -> r.fields().toJson())),
        times(records.stream().map(DataRecord::updateTime)),
        texts(records.stream().map(r -> r.updater().resourceName())),
        longs(records.stream().map(DataRecord::version)),
        longs(records.stream().map(DataRecord::sequence))))));
  }

  @Override
  public boolean delete(DataRecord record) {
    // By the primary key (see the class comment): an id is unique in its tenant and a record never
    // changes model, so the id and the version name the record that find() returned.
    return database.run(dsl -> dsl.deleteFrom(RECORD)
        .where(RECORD.TENANT_ID.eq(record.tenantId().value()), RECORD.ID.eq(record.id().value()),
            RECORD.VERSION.eq(record.version()))
        .execute()) == 1;
  }

  @Override
  public Page<DataRecord> list(TenantId tenantId, DataModel dataModel, RecordFilter filter, PageRequest request) {
    List<Condition> conditions = new ArrayList<>();
    conditions.add(of(tenantId, dataModel));
    filter.externalId().ifPresent(x -> conditions.add(DSL.condition("{0} || '/' || {1} = {2}", RECORD.DATA_MODEL,
        RECORD.EXTERNAL_ID, DSL.val(externalKey(dataModel, x.value())))));
    filter.updatedAfter().ifPresent(b -> conditions.add(b.inclusive()
        ? RECORD.UPDATE_TIME.ge(Rows.time(b.time())) : RECORD.UPDATE_TIME.gt(Rows.time(b.time()))));
    filter.updatedBefore().ifPresent(b -> conditions.add(b.inclusive()
        ? RECORD.UPDATE_TIME.le(Rows.time(b.time())) : RECORD.UPDATE_TIME.lt(Rows.time(b.time()))));
    filter.fieldEquals().forEach((key, value) -> conditions.add(DSL.condition("{0} @> {1}", RECORD.FIELDS,
        DSL.val(JSONB.valueOf(RecordFields.of(Map.of(key, value)).toJson()), RECORD.FIELDS))));
    request.cursor().ifPresent(c -> {
      int colon = c.indexOf(':');
      Instant time = fromMicros(Long.parseLong(c.substring(0, colon)));
      long sequence = Long.parseLong(c.substring(colon + 1));
      conditions.add(DSL.row(RECORD.UPDATE_TIME, RECORD.SEQUENCE).gt(Rows.time(time), sequence));
    });
    List<RecordRecord> rows = database.run(dsl -> dsl.selectFrom(RECORD)
        .where(conditions)
        .orderBy(RECORD.UPDATE_TIME.asc(), RECORD.SEQUENCE.asc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<DataRecord> items = rows.stream().limit(request.size()).map(JooqRecordRepository::toRecord).toList();
    return new Page<>(items, more ? Optional.of(cursor(items.getLast())) : Optional.empty());
  }

  /** The listing cursor after {@code record}: its change time in epoch microseconds and its sequence. */
  static String cursor(DataRecord record) {
    Instant t = record.updateTime();
    return (t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000) + ":" + record.sequence();
  }

  private static Instant fromMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
  }

  @Override
  public void appendRevisions(List<RecordRevision> revisions) {
    if (revisions.isEmpty()) {
      return;
    }
    RecordRevision first = revisions.getFirst();
    database.run(dsl -> dsl.execute(INSERT_REVISIONS,
        DSL.val(first.tenantId().value()),
        DSL.val(first.dataModel().apiName()),
        uuids(revisions.stream().map(r -> r.recordId().value())),
        longs(revisions.stream().map(RecordRevision::version)),
        texts(revisions.stream().map(r -> r.kind().name())),
        times(revisions.stream().map(RecordRevision::time)),
        texts(revisions.stream().map(r -> r.actor().resourceName())),
        uuids(revisions.stream().map(r -> r.token() == null ? null : r.token().value())),
        texts(revisions.stream().map(r -> r.means() == null ? null : r.means().resourceName())),
        // Paths hold no space (keys are [A-Za-z0-9_]): one string per revision, split by the server.
        texts(revisions.stream().map(r -> r.changedFields().isEmpty() ? null : String.join(" ", r.changedFields()))),
        texts(revisions.stream().map(r -> r.externalId().map(ExternalId::value).orElse(null))),
        texts(revisions.stream().map(r -> r.fields().toJson()))));
  }

  @Override
  public Page<RecordRevision> revisions(TenantId tenantId, DataModel dataModel, RecordId id, PageRequest request) {
    Condition after = request.cursor().map(c -> RECORD_REVISION.VERSION.gt(Long.parseLong(c)))
        .orElse(DSL.noCondition());
    List<RecordRevisionRecord> rows = database.run(dsl -> dsl.selectFrom(RECORD_REVISION)
        .where(RECORD_REVISION.TENANT_ID.eq(tenantId.value()), RECORD_REVISION.RECORD_ID.eq(id.value()),
            RECORD_REVISION.DATA_MODEL.eq(dataModel.apiName()), after)
        .orderBy(RECORD_REVISION.VERSION.asc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<RecordRevision> items =
        rows.stream().limit(request.size()).map(JooqRecordRepository::toRevision).toList();
    return new Page<>(items, more ? Optional.of(Long.toString(items.getLast().version())) : Optional.empty());
  }

  /** {@code statement} planned with {@link #PROBES_ONLY}. */
  private static <T> T probing(org.jooq.DSLContext dsl, Supplier<T> statement) {
    dsl.resultQuery(PROBES_ONLY).fetch();
    T result = statement.get();
    dsl.resultQuery(ANY_PLAN).fetch();
    return result;
  }

  /** The external key of V11's unique index: the model's name, '/', the external id. */
  private static String externalKey(DataModel dataModel, String externalId) {
    return dataModel.apiName() + "/" + externalId;
  }

  private static Condition of(TenantId tenantId, DataModel dataModel) {
    return RECORD.TENANT_ID.eq(tenantId.value()).and(RECORD.DATA_MODEL.eq(dataModel.apiName()));
  }

  private static <T> T uniqueExternalIds(DataModel model, Supplier<T> statement) {
    try {
      return statement.get();
    } catch (RuntimeException e) {
      if (PostgresErrors.violatedUniqueConstraint(e).filter(EXTERNAL_ID_UNIQUE::equals).isPresent()) {
        throw new AlreadyExistsException("a record of " + model.apiName() + " with this external_id already exists");
      }
      throw e;
    }
  }

  private static org.jooq.Field<UUID[]> uuids(java.util.stream.Stream<UUID> values) {
    return DSL.val(values.toArray(UUID[]::new), SQLDataType.UUID.array());
  }

  private static org.jooq.Field<String[]> texts(java.util.stream.Stream<String> values) {
    return DriverArrays.texts(values.toArray(String[]::new));
  }

  private static org.jooq.Field<Long[]> longs(java.util.stream.Stream<Long> values) {
    return DSL.val(values.toArray(Long[]::new), SQLDataType.BIGINT.array());
  }

  private static org.jooq.Field<OffsetDateTime[]> times(java.util.stream.Stream<Instant> values) {
    return DSL.val(values.map(Rows::time).toArray(OffsetDateTime[]::new),
        SQLDataType.TIMESTAMPWITHTIMEZONE(6).array());
  }

  private static DataRecord toRecord(RecordRecord r) {
    return new DataRecord(new TenantId(r.getTenantId()), model(r.getDataModel()), new RecordId(r.getId()),
        Optional.ofNullable(r.getExternalId()).map(ExternalId::new), RecordFields.stored(r.getFields().data()),
        Rows.instant(r.getCreateTime()), Rows.instant(r.getUpdateTime()), actor(r.getCreator()),
        actor(r.getUpdater()), r.getVersion(), r.getSequence());
  }

  private static RecordRevision toRevision(RecordRevisionRecord r) {
    return new RecordRevision(new TenantId(r.getTenantId()), model(r.getDataModel()), new RecordId(r.getRecordId()),
        r.getVersion(), RecordRevision.Kind.valueOf(r.getKind()), Rows.instant(r.getTime()), actor(r.getActor()),
        r.getTokenId() == null ? null : new ApiTokenId(r.getTokenId()),
        r.getMeans() == null ? null : actor(r.getMeans()), Arrays.asList(r.getChangedFields()),
        Optional.ofNullable(r.getExternalId()).map(ExternalId::new), RecordFields.stored(r.getFields().data()));
  }

  private static DataModel model(String name) {
    return DataModel.byApiName(name).orElseThrow(() -> new IllegalStateException("unknown stored data model " + name));
  }

  private static Actor actor(String name) {
    return Actor.fromResourceName(name).orElseThrow(() -> new IllegalStateException("unreadable stored actor"));
  }
}
