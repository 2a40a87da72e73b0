package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.in.CreateRecordCommand;
import dev.latchkey.application.port.in.DeleteRecordCommand;
import dev.latchkey.application.port.in.GetRecordQuery;
import dev.latchkey.application.port.in.ListRecordRevisionsQuery;
import dev.latchkey.application.port.in.ListRecordsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordUseCasesTest {
  private static final PermissionSet COMPANIES_ALL = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final TenantId tenant = ports.createTenant().tenant().id();
  private final Principal.TenantPrincipal app = Fixtures.tenantPrincipal(tenant, COMPANIES_ALL);

  @Test
  void aCreatedRecordIsAttributedToItsCreatorAndHasItsFirstRevision() {
    DataRecord created = create(app, "acme", Map.of("name", text("Acme")));

    assertThat(created.creator()).isEqualTo(app.actor());
    assertThat(created.updater()).isEqualTo(app.actor());
    assertThat(created.version()).isEqualTo(1);
    assertThat(ports.getRecordService().execute(app, new GetRecordQuery(DataModel.COMPANIES, created.id())))
        .isEqualTo(created);
    List<RecordRevision> history = revisions(created.id());
    assertThat(history).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(RecordRevision.Kind.CREATED);
      assertThat(r.actor()).isEqualTo(app.actor());
      assertThat(r.token()).isEqualTo(app.tokenId());
      assertThat(r.changedFields()).containsExactly("external_id", "fields.name");
    });
  }

  @Test
  void recordChangesStayOutOfTheAuditTrail() {
    int before = ports.audit.entriesOf(tenant).size();

    create(app, "acme", Map.of("name", text("Acme")));

    assertThat(ports.audit.entriesOf(tenant)).hasSize(before);
  }

  @Test
  void aDuplicateExternalIdIsRefusedAndNothingIsWritten() {
    create(app, "acme", Map.of());

    assertThatThrownBy(() -> create(app, "acme", Map.of("x", text("y")))).isInstanceOf(AlreadyExistsException.class);
    assertThat(ports.records.all()).hasSize(1);
  }

  @Test
  void aMissingGrantIsRefusedBeforeAnythingIsRead() {
    var readOnly = Fixtures.tenantPrincipal(tenant, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));

    assertThatThrownBy(() -> create(readOnly, "x", Map.of())).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.getRecordService().execute(readOnly,
        new GetRecordQuery(DataModel.TICKETS, new RecordId(UUID.randomUUID()))))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.records.all()).isEmpty();
  }

  @Test
  void anotherTenantsRecordIsNotFound() {
    DataRecord created = create(app, "acme", Map.of());
    var other = Fixtures.tenantPrincipal(ports.createTenant().tenant().id(), COMPANIES_ALL);

    assertThatThrownBy(() -> ports.getRecordService().execute(other, new GetRecordQuery(DataModel.COMPANIES,
        created.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.deleteRecordService().execute(other, new DeleteRecordCommand(DataModel.COMPANIES,
        created.id(), OptionalLong.empty()))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void anUpdateOfOneKeyLeavesTheOthersAndNamesTheChangedKey() {
    DataRecord created = create(app, "acme", Map.of("name", text("Acme"), "tier", text("gold")));
    var person = Fixtures.tenantPrincipal(tenant, COMPANIES_ALL);
    ports.clock.advance(Duration.ofSeconds(5));

    DataRecord updated = ports.updateRecordService().execute(person, new UpdateRecordCommand(DataModel.COMPANIES,
        created.id(), new DataRecord.Patch(Optional.empty(), Optional.empty(),
            Map.of("tier", Optional.of(text("silver")), "name", Optional.of(text("Acme")))),
        OptionalLong.of(created.version())));

    assertThat(updated.fields().values()).isEqualTo(Map.of("name", text("Acme"), "tier", text("silver")));
    assertThat(updated.updater()).isEqualTo(person.actor());
    assertThat(updated.creator()).isEqualTo(app.actor());
    assertThat(updated.updateTime()).isAfter(created.updateTime());
    assertThat(revisions(created.id())).last().satisfies(r -> {
      assertThat(r.changedFields()).containsExactly("fields.tier");
      assertThat(r.actor()).isEqualTo(person.actor());
    });
  }

  @Test
  void anUpdateThatChangesNothingMakesNoVersionAndNoRevision() {
    DataRecord created = create(app, "acme", Map.of("name", text("Acme")));

    DataRecord same = ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES,
        created.id(), new DataRecord.Patch(Optional.empty(), Optional.of(created.fields()), Map.of()),
        OptionalLong.empty()));

    assertThat(same).isEqualTo(created);
    assertThat(revisions(created.id())).hasSize(1);
  }

  @Test
  void aStaleVersionIsAConflict() {
    DataRecord created = create(app, "acme", Map.of());
    update(created, "k", "v");

    assertThatThrownBy(() -> ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES,
        created.id(), new DataRecord.Patch(Optional.empty(), Optional.empty(), Map.of("k", Optional.of(text("w")))),
        OptionalLong.of(created.version())))).isInstanceOf(ConflictException.class);
  }

  @Test
  void anUpdateBreakingALimitIsAnInvalidArgument() {
    DataRecord created = create(app, "acme", Map.of());
    Map<String, Optional<FieldValue>> many = new HashMap<>();
    IntStream.range(0, RecordFields.MAX_KEYS + 1).forEach(i -> many.put("k" + i, Optional.of(text("v"))));

    assertThatThrownBy(() -> ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES,
        created.id(), new DataRecord.Patch(Optional.empty(), Optional.empty(), many), OptionalLong.empty())))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aDeletedRecordIsGoneForReadsAndStaysInItsHistory() {
    DataRecord created = create(app, "acme", Map.of());

    ports.deleteRecordService().execute(app, new DeleteRecordCommand(DataModel.COMPANIES, created.id(),
        OptionalLong.empty()));

    assertThatThrownBy(() -> ports.getRecordService().execute(app, new GetRecordQuery(DataModel.COMPANIES,
        created.id()))).isInstanceOf(NotFoundException.class);
    assertThat(revisions(created.id())).extracting(RecordRevision::kind)
        .containsExactly(RecordRevision.Kind.CREATED, RecordRevision.Kind.DELETED);
    assertThat(revisions(created.id()).getLast().version()).isEqualTo(2);
  }

  @Test
  void aBatchUpsertTwiceGivesTheSameStateAndNoNewRevisions() {
    create(app, "c-1", Map.of("name", text("Old")));
    var batch = new BatchUpsertRecordsCommand(DataModel.COMPANIES, List.of(
        new BatchUpsertRecordsCommand.Upsert(new ExternalId("c-1"), RecordFields.of(Map.of("name", text("New")))),
        new BatchUpsertRecordsCommand.Upsert(new ExternalId("c-2"), RecordFields.of(Map.of("name", text("Two"))))));

    BatchUpsertResult first = ports.batchUpsertRecordsService().execute(app, batch);
    List<DataRecord> afterFirst = ports.records.all();
    BatchUpsertResult second = ports.batchUpsertRecordsService().execute(app, batch);

    assertThat(first.created()).isEqualTo(1);
    assertThat(first.updated()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.records()).isEqualTo(first.records());
    assertThat(ports.records.all()).containsExactlyInAnyOrderElementsOf(afterFirst);
    assertThat(revisions(first.records().getFirst().id())).hasSize(2);
  }

  @Test
  void aBatchIsAllOrNothing() {
    DataRecord existing = create(app, "taken", Map.of());
    // A record without external id cannot collide; an update that would take another's id can.
    DataRecord other = create(app, "other", Map.of());
    ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES, other.id(),
        new DataRecord.Patch(Optional.of(Optional.empty()), Optional.empty(), Map.of()), OptionalLong.empty()));
    int revisionsBefore = revisions(existing.id()).size();

    assertThatThrownBy(() -> ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES,
        other.id(), new DataRecord.Patch(Optional.of(Optional.of(new ExternalId("taken"))), Optional.empty(),
            Map.of()), OptionalLong.empty()))).isInstanceOf(AlreadyExistsException.class);
    assertThat(revisions(existing.id())).hasSize(revisionsBefore);
  }

  @Test
  void listingByUpdateTimeSeesAChangedRecordAgainAtTheEnd() {
    DataRecord a = create(app, "a", Map.of());
    DataRecord b = create(app, "b", Map.of());
    var firstPage = ports.listRecordsService().execute(app, new ListRecordsQuery(DataModel.COMPANIES,
        new PageQuery(1, ""), RecordFilter.none()));
    DataRecord changedA = update(a, "k", "v");

    var rest = ports.listRecordsService().execute(app, new ListRecordsQuery(DataModel.COMPANIES,
        new PageQuery(10, firstPage.nextCursor().orElseThrow()), RecordFilter.none()));

    assertThat(firstPage.items()).containsExactly(a);
    assertThat(rest.items()).containsExactly(b, changedA);
  }

  @Test
  void aPageTokenOfAnotherFilterIsRefused() {
    create(app, "a", Map.of());
    create(app, "b", Map.of());
    var firstPage = ports.listRecordsService().execute(app, new ListRecordsQuery(DataModel.COMPANIES,
        new PageQuery(1, ""), RecordFilter.none()));

    assertThatThrownBy(() -> ports.listRecordsService().execute(app, new ListRecordsQuery(DataModel.COMPANIES,
        new PageQuery(1, firstPage.nextCursor().orElseThrow()), new RecordFilter(Optional.of(new ExternalId("a")),
            Optional.empty(), Optional.empty(), Map.of())))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void revisionsOfARecordThatNeverExistedAreNotFound() {
    assertThatThrownBy(() -> revisions(new RecordId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
  }

  private DataRecord create(Principal.TenantPrincipal caller, String externalId, Map<String, FieldValue> fields) {
    return ports.createRecordService().execute(caller, new CreateRecordCommand(DataModel.COMPANIES,
        Optional.of(new ExternalId(externalId)), RecordFields.of(fields)));
  }

  private DataRecord update(DataRecord record, String key, String value) {
    return ports.updateRecordService().execute(app, new UpdateRecordCommand(DataModel.COMPANIES, record.id(),
        new DataRecord.Patch(Optional.empty(), Optional.empty(), Map.of(key, Optional.of(text(value)))),
        OptionalLong.empty()));
  }

  private List<RecordRevision> revisions(RecordId id) {
    return ports.listRecordRevisionsService().execute(app, new ListRecordRevisionsQuery(DataModel.COMPANIES, id,
        PageQuery.first())).items();
  }

  private static FieldValue text(String value) {
    return new FieldValue.StringValue(value);
  }
}
