package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.BatchUpsertRecordsResponse;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.DeleteRecordRequest;
import dev.latchkey.proto.v1.GetRecordRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListRecordRevisionsRequest;
import dev.latchkey.proto.v1.ListRecordsRequest;
import dev.latchkey.proto.v1.ListRecordsResponse;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordRevision;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records through the real server and the generated stubs: the integrations of issue 9 (read-only,
 * read-write, sync tools), attribution, history, paging while others write, and every refusal.
 */
class RecordsEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private static final List<Action> ALL =
      List.of(Action.ACTION_READ, Action.ACTION_CREATE, Action.ACTION_UPDATE, Action.ACTION_DELETE);

  private static CreateTenantResponse acme;
  private static CreateTenantResponse other;

  @BeforeAll
  static void tenants() {
    acme = createTenant("Records Acme", "admin@records-acme.test");
    other = createTenant("Records Other", "admin@records-other.test");
  }

  @Test
  void aReadOnlyIntegrationListsAndGetsAndNothingElse() {
    String writer = appToken(acme, "writer", grant("companies", ALL));
    String reader = appToken(acme, "reader", grant("companies", List.of(Action.ACTION_READ)));
    Record made = records(writer).createRecord(create("companies", "ro-1", Map.of("name", "Acme")));

    assertThat(records(reader).getRecord(GetRecordRequest.newBuilder().setName(made.getName()).build()))
        .isEqualTo(made);
    assertThat(records(reader).listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/companies")
        .setFilter("external_id = \"ro-1\"").build()).getRecordsList()).containsExactly(made);
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(reader).createRecord(create("companies", "ro-2", Map.of())));
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(reader).updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(made.toBuilder().setFields(struct(Map.of("name", "x"))))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields")).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(reader).deleteRecord(
        DeleteRecordRequest.newBuilder().setName(made.getName()).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(reader).batchUpsertRecords(upsert("companies",
        List.of(upsertRecord("ro-1", Map.of())))));
    // Reading one model opens no other.
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(reader).listRecords(ListRecordsRequest.newBuilder()
        .setParent("dataModels/tickets").build()));
  }

  @Test
  void aReadWriteIntegrationCreatesUpdatesAndDeletesWithEtags() {
    String token = appToken(acme, "crud", grant("tickets", ALL));
    var stub = records(token);
    Record made = stub.createRecord(create("tickets", "t-1", Map.of("title", "Broken", "state", "open")));

    Record updated = stub.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(made.getName()).setEtag(made.getEtag())
            .setFields(struct(Map.of("state", "closed"))))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields.state")).build());

    assertThat(updated.getFields()).isEqualTo(struct(Map.of("title", "Broken", "state", "closed")));
    assertThat(updated.getEtag()).isNotEqualTo(made.getEtag());
    assertCode(Status.Code.ABORTED, () -> stub.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(made.getName()).setEtag(made.getEtag())
            .setFields(struct(Map.of("state", "reopened"))))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields.state")).build()));
    assertCode(Status.Code.ABORTED, () -> stub.deleteRecord(DeleteRecordRequest.newBuilder()
        .setName(made.getName()).setEtag(made.getEtag()).build()));

    stub.deleteRecord(DeleteRecordRequest.newBuilder().setName(made.getName()).setEtag(updated.getEtag()).build());

    assertCode(Status.Code.NOT_FOUND, () -> stub.getRecord(GetRecordRequest.newBuilder().setName(made.getName()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> stub.deleteRecord(DeleteRecordRequest.newBuilder()
        .setName(made.getName()).build()));
    assertThat(stub.listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/tickets")
        .setFilter("external_id = \"t-1\"").build()).getRecordsList()).isEmpty();
    List<RecordRevision> history = stub.listRecordRevisions(ListRecordRevisionsRequest.newBuilder()
        .setParent(made.getName()).build()).getRevisionsList();
    assertThat(history).extracting(RecordRevision::getKind).containsExactly(RecordRevision.Kind.KIND_CREATED,
        RecordRevision.Kind.KIND_UPDATED, RecordRevision.Kind.KIND_DELETED);
    assertThat(history.get(1).getChangedFieldsList()).containsExactly("fields.state");
    // The external id is free again once its record is gone.
    stub.createRecord(create("tickets", "t-1", Map.of()));
  }

  @Test
  void changesAreAttributedToTheAppAndToThePersonTheWebAppActsFor() {
    PrivateApp app = createApp(acme, "attributed", grant("companies", ALL));
    String token = tokenOf(acme, app);
    Record made = records(token).createRecord(create("companies", "attr-1", Map.of("name", "Acme")));
    String owner = acme.getOwner().getName();
    var webApp = RecordServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(actingAs(acme.getTenant().getName() + "/" + owner));

    Record updated = webApp.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(made.getName()).setFields(struct(Map.of("name", "Acme Inc"))))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields.name")).build());

    assertThat(made.getCreator()).isEqualTo(app.getName());
    assertThat(updated.getCreator()).isEqualTo(app.getName());
    assertThat(updated.getUpdater()).isEqualTo(owner);
    List<RecordRevision> history = webApp.listRecordRevisions(ListRecordRevisionsRequest.newBuilder()
        .setParent(made.getName()).build()).getRevisionsList();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).getActor()).isEqualTo(app.getName());
    assertThat(history.get(0).getToken()).startsWith(app.getName() + "/tokens/");
    assertThat(history.get(0).getMeans()).isEmpty();
    assertThat(history.get(1).getActor()).isEqualTo(owner);
    assertThat(history.get(1).getToken()).isEmpty();
    assertThat(history.get(1).getMeans()).isEqualTo("operator");
    // The operator on its own holds no records: it acts for a person or not at all.
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(latchkey.operatorToken())
        .getRecord(GetRecordRequest.newBuilder().setName(made.getName()).build()));
  }

  @Test
  void recordChangesStayOutOfTheAuditTrail() {
    String token = appToken(acme, "quiet", grant("nps", ALL));
    var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(acme.getOwnerTokenSecret()));
    int before = audit.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(1000).build())
        .getAuditEventsCount();

    records(token).createRecord(create("nps", "n-1", Map.of("score", "9")));

    assertThat(audit.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(1000).build())
        .getAuditEventsCount()).isEqualTo(before);
  }

  @Test
  void aBatchUpsertRepeatedLeavesTheSameStateAndNewRevisionsOnlyForChanges() {
    String token = appToken(acme, "sync", grant("end_users", List.of(Action.ACTION_CREATE, Action.ACTION_UPDATE,
        Action.ACTION_READ)));
    var stub = records(token);
    List<Record> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(upsertRecord("eu-" + i, Map.of("email", "user" + i + "@example.com", "plan", "free")));
    }

    BatchUpsertRecordsResponse first = stub.batchUpsertRecords(upsert("end_users", batch));
    List<Record> stateAfterFirst = listAll(stub, "end_users", "");
    BatchUpsertRecordsResponse second = stub.batchUpsertRecords(upsert("end_users", batch));

    assertThat(first.getCreatedCount()).isEqualTo(1000);
    assertThat(second.getUnchangedCount()).isEqualTo(1000);
    assertThat(second.getRecordsList()).isEqualTo(first.getRecordsList());
    assertThat(listAll(stub, "end_users", "")).isEqualTo(stateAfterFirst);

    batch.set(7, upsertRecord("eu-7", Map.of("email", "user7@example.com", "plan", "pro")));
    BatchUpsertRecordsResponse third = stub.batchUpsertRecords(upsert("end_users", batch));
    assertThat(third.getUpdatedCount()).isEqualTo(1);
    assertThat(stub.listRecordRevisions(ListRecordRevisionsRequest.newBuilder()
        .setParent(third.getRecords(7).getName()).build()).getRevisionsList())
        .extracting(r -> List.copyOf(r.getChangedFieldsList())).containsExactly(List.of("external_id", "fields.email",
            "fields.plan"), List.of("fields.plan"));
    // All or nothing: one bad record and none is written.
    List<Record> withBad = new ArrayList<>(List.of(upsertRecord("eu-new", Map.of()),
        Record.newBuilder().setExternalId("eu-bad").setFields(Struct.newBuilder()
            .putFields("n", Value.newBuilder().setNumberValue(Double.NaN).build())).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> stub.batchUpsertRecords(upsert("end_users", withBad)));
    assertThat(stub.listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/end_users")
        .setFilter("external_id = \"eu-new\"").build()).getRecordsList()).isEmpty();
  }

  @Test
  void aSyncPagingWhileOthersWriteMissesNothingAndRepeatsNothing() throws Exception {
    String writerToken = appToken(acme, "busy writer", grant("opportunities", ALL));
    String syncToken = appToken(acme, "sync reader", grant("opportunities", List.of(Action.ACTION_READ)));
    var writer = records(writerToken);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      names.add(writer.createRecord(create("opportunities", "op-" + i, Map.of("stage", "new"))).getName());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int seed = w;
      writers.add(pool.submit(() -> {
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
          if (i % 3 == 0) {
            writer.createRecord(create("opportunities", "op-w" + seed + "-" + i, Map.of("stage", "new")));
          } else {
            writer.updateRecord(UpdateRecordRequest.newBuilder()
                .setRecord(Record.newBuilder().setName(names.get(random.nextInt(names.size())))
                    .setFields(struct(Map.of("stage", "s" + seed + "-" + i))))
                .setUpdateMask(FieldMask.newBuilder().addPaths("fields.stage")).build());
          }
        }
        return null;
      }));
    }

    var sync = records(syncToken);
    Map<String, String> seenEtag = new HashMap<>();
    Set<String> seenVersions = new HashSet<>();
    String watermark = null;
    boolean lastPass = false;
    while (true) {
      boolean writersDone = writers.stream().allMatch(Future::isDone);
      String filter = watermark == null ? "" : "update_time > \"" + watermark + "\"";
      for (Record r : listAll(sync, "opportunities", filter, 7)) {
        assertThat(seenVersions.add(r.getName() + "@" + r.getEtag())).as("seen once: %s", r.getName()).isTrue();
        seenEtag.put(r.getName(), r.getEtag());
        Instant t = Instant.ofEpochSecond(r.getUpdateTime().getSeconds(), r.getUpdateTime().getNanos());
        if (watermark == null || t.isAfter(Instant.parse(watermark))) {
          watermark = t.toString();
        }
      }
      if (lastPass) {
        break;
      }
      lastPass = writersDone;
    }
    for (Future<?> f : writers) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();

    Map<String, String> finalEtags = new HashMap<>();
    listAll(sync, "opportunities", "", 100).forEach(r -> finalEtags.put(r.getName(), r.getEtag()));
    assertThat(finalEtags).hasSize(100 + 3 * 20);
    assertThat(seenEtag).isEqualTo(finalEtags);
  }

  @Test
  void everyRefusalHasItsStatus() {
    String token = appToken(acme, "refused", grant("companies", ALL));
    String none = appToken(acme, "no grants", List.of());
    String othersToken = appToken(other, "other tenant", grant("companies", ALL));
    Record mine = records(token).createRecord(create("companies", "ref-1", Map.of()));

    assertCode(Status.Code.ALREADY_EXISTS, () -> records(token).createRecord(create("companies", "ref-1", Map.of())));
    assertCode(Status.Code.NOT_FOUND, () -> records(othersToken).getRecord(GetRecordRequest.newBuilder()
        .setName(mine.getName()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> records(othersToken).updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(mine.getName()).setExternalId("stolen"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("external_id")).build()));
    assertCode(Status.Code.NOT_FOUND, () -> records(othersToken).deleteRecord(DeleteRecordRequest.newBuilder()
        .setName(mine.getName()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> records(othersToken).listRecordRevisions(ListRecordRevisionsRequest
        .newBuilder().setParent(mine.getName()).build()));
    assertThat(records(othersToken).listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/companies")
        .setFilter("external_id = \"ref-1\"").build()).getRecordsList()).isEmpty();
    // The name is checked before the grant; the grant before anything is read.
    assertCode(Status.Code.INVALID_ARGUMENT, () -> records(none).getRecord(GetRecordRequest.newBuilder()
        .setName("dataModels/roles/records/" + mine.getName().substring(mine.getName().lastIndexOf('/') + 1))
        .build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> records(none).createRecord(create("widgets", "w", Map.of())));
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(none).getRecord(GetRecordRequest.newBuilder()
        .setName(mine.getName()).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> records(none).getRecord(GetRecordRequest.newBuilder()
        .setName("dataModels/companies/records/01a20941-6a92-7000-9b4c-d10be0cf3289").build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> records(token).createRecord(CreateRecordRequest.newBuilder()
        .setParent("dataModels/companies").setRecord(Record.newBuilder()
            .setFields(struct(Map.of("big", "x".repeat(70_000))))).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> records(token).listRecords(ListRecordsRequest.newBuilder()
        .setParent("dataModels/companies").setFilter("external_id = \"a\" OR 1=1").build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> records(token).listRecords(ListRecordsRequest.newBuilder()
        .setParent("dataModels/companies").setPageToken("not-a-token").build()));
  }

  private static List<Record> listAll(RecordServiceGrpc.RecordServiceBlockingStub stub, String model, String filter) {
    return listAll(stub, model, filter, 1000);
  }

  private static List<Record> listAll(
      RecordServiceGrpc.RecordServiceBlockingStub stub, String model, String filter, int pageSize) {
    List<Record> all = new ArrayList<>();
    String token = "";
    do {
      ListRecordsResponse page = stub.listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/" + model)
          .setFilter(filter).setPageSize(pageSize).setPageToken(token).build());
      all.addAll(page.getRecordsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  private static CreateRecordRequest create(String model, String externalId, Map<String, String> fields) {
    return CreateRecordRequest.newBuilder().setParent("dataModels/" + model)
        .setRecord(Record.newBuilder().setExternalId(externalId).setFields(struct(fields))).build();
  }

  private static BatchUpsertRecordsRequest upsert(String model, List<Record> records) {
    return BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/" + model).addAllRecords(records).build();
  }

  private static Record upsertRecord(String externalId, Map<String, String> fields) {
    return Record.newBuilder().setExternalId(externalId).setFields(struct(fields)).build();
  }

  private static Struct struct(Map<String, String> fields) {
    Struct.Builder s = Struct.newBuilder();
    fields.forEach((k, v) -> s.putFields(k, Value.newBuilder().setStringValue(v).build()));
    return s.build();
  }

  private static List<Grant> grant(String model, List<Action> actions) {
    return List.of(Grant.newBuilder().setDataModel(model).addAllActions(actions).build());
  }

  private static RecordServiceGrpc.RecordServiceBlockingStub records(String token) {
    return RecordServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static PrivateApp createApp(CreateTenantResponse tenant, String name, List<Grant> grants) {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createPrivateApp(CreatePrivateAppRequest.newBuilder()
            .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name).addAllGrants(grants)).build());
  }

  private static String tokenOf(CreateTenantResponse tenant, PrivateApp app) {
    return ApiTokenServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createApiToken(CreateApiTokenRequest.newBuilder().setParent(app.getName())
            .setApiToken(ApiToken.newBuilder().setDisplayName("token")).build())
        .getSecret();
  }

  private static String appToken(CreateTenantResponse tenant, String name, List<Grant> grants) {
    return tokenOf(tenant, createApp(tenant, name, grants));
  }

  private static CallCredentials actingAs(String user) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor,
          MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + latchkey.operatorToken());
        headers.put(Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER), user);
        applier.apply(headers);
      }
    };
  }

  private static CreateTenantResponse createTenant(String name, String email) {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail(email).setOwnerDisplayName("Admin").build());
  }

  private static void assertCode(Status.Code code, Runnable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
    assertThat(e).as("expected %s", code).isNotNull();
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
  }
}
