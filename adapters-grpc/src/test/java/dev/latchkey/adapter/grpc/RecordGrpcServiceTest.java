package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.ListRecordsQuery;
import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.GetRecordRequest;
import dev.latchkey.proto.v1.ListRecordsRequest;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordGrpcServiceTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  // No grants at all: names and fields are checked before the grant, so every refusal below is about them.
  private final Principal.TenantPrincipal caller = TestValues.member(TestValues.tenantId(), PermissionSet.none());
  private final RecordServiceGrpc.RecordServiceBlockingStub records;

  RecordGrpcServiceTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, caller);
    records = RecordServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void createRecordPassesTheFieldsAndReturnsTheRecordWithItsCreator() {
    Struct fields = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue("Acme").build())
        .putFields("seats", Value.newBuilder().setNumberValue(12).build())
        .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
            .addValues(Value.newBuilder().setStringValue("b2b"))).build())
        .build();

    Record created = records.createRecord(CreateRecordRequest.newBuilder().setParent("dataModels/companies")
        .setRecord(Record.newBuilder().setExternalId("crm-1").setFields(fields)).build());

    assertThat(created.getName()).startsWith("dataModels/companies/records/");
    assertThat(created.getExternalId()).isEqualTo("crm-1");
    assertThat(created.getFields()).isEqualTo(fields);
    assertThat(created.getCreator()).isEqualTo(caller.actor().resourceName());
    assertThat(created.getEtag()).isEqualTo("v1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "companies", "dataModels/", "dataModels/nope", "dataModels/users",
      "dataModels/private_apps", "dataModels/companies/records", "tenants/x"})
  void aBadParentIsAnInvalidArgumentBeforeAnyGrantIsChecked(String parent) {
    assertThat(BadFields.of(() -> records.createRecord(CreateRecordRequest.newBuilder().setParent(parent)
        .setRecord(Record.getDefaultInstance()).build()))).containsExactly("parent");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dataModels/companies/records/not-a-uuid", "dataModels/roles/records/"
      + "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "dataModels/companies/items/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
      "dataModels/companies/records/3f2504e0-4f89-41d3-9a0c-0305e82c3301/x"})
  void aBadRecordNameIsAnInvalidArgument(String name) {
    assertThat(BadFields.of(() -> records.getRecord(GetRecordRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void fieldsBeyondTheLimitsAreRefusedOneViolationEach() {
    Struct.Builder tooMany = Struct.newBuilder();
    for (int i = 0; i <= 100; i++) {
      tooMany.putFields("k" + i, Value.newBuilder().setBoolValue(true).build());
    }
    Value deep = Value.newBuilder().setStringValue("bottom").build();
    for (int i = 0; i < 8; i++) {
      deep = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("d", deep)).build();
    }
    var request = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/tickets")
        .addRecords(record("a", Struct.newBuilder().putFields("n", number(Double.NaN)).build()))
        .addRecords(record("b", Struct.newBuilder().putFields("n", number(Double.POSITIVE_INFINITY)).build()))
        .addRecords(record("c", tooMany.build()))
        .addRecords(record("d", Struct.newBuilder().putFields("deep", deep).build()))
        .addRecords(record("e", Struct.newBuilder().putFields("bad key!", number(1)).build()))
        .addRecords(record("f", Struct.newBuilder().putFields("nul", text("a\u0000b")).build()))
        .addRecords(record("g", Struct.newBuilder().putFields("big", text("x".repeat(70_000))).build()))
        .addRecords(record("bad id!", Struct.getDefaultInstance()))
        .addRecords(record("", Struct.getDefaultInstance()))
        .addRecords(record("a", Struct.getDefaultInstance()))
        .addRecords(record("h", Struct.getDefaultInstance()).toBuilder().setName("dataModels/tickets/records/x"))
        .build();

    assertThat(BadFields.of(() -> records.batchUpsertRecords(request))).containsExactly(
        "records[0].fields", "records[1].fields", "records[2].fields", "records[3].fields", "records[4].fields",
        "records[5].fields", "records[6].fields", "records[7].external_id", "records[8].external_id",
        "records[9].external_id", "records[10].name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void aDepthOfEightLevelsIsAccepted() {
    Value deep = text("bottom");
    for (int i = 0; i < 6; i++) {
      deep = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("d", deep)).build();
    }

    records.batchUpsertRecords(BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/tickets")
        .addRecords(record("a", Struct.newBuilder().putFields("deep", deep).build())).build());

    assertThat(useCases.recordRequests).singleElement().isInstanceOf(BatchUpsertRecordsCommand.class);
  }

  @Test
  void aBatchIsBoundedBeforeItsRecordsAreRead() {
    var tooMany = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/tickets");
    for (int i = 0; i <= 1000; i++) {
      tooMany.addRecords(record("r" + i, Struct.getDefaultInstance()));
    }

    assertThat(BadFields.of(() -> records.batchUpsertRecords(tooMany.build()))).containsExactly("records");
    assertThat(BadFields.of(() -> records.batchUpsertRecords(BatchUpsertRecordsRequest.newBuilder()
        .setParent("dataModels/tickets").build()))).containsExactly("records");
  }

  @Test
  void anUpdateMaskNamesExternalIdFieldsOrOneKey() {
    String name = "dataModels/companies/records/" + UUID.randomUUID();
    assertThat(BadFields.of(() -> records.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(name)).build()))).containsExactly("update_mask");
    assertThat(BadFields.of(() -> records.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(name))
        .setUpdateMask(FieldMask.newBuilder().addPaths("creator").addPaths("fields.bad-key").addPaths("fields.")
            .addPaths("external_id").addPaths("external_id")).build())))
        .containsExactly("update_mask", "update_mask", "update_mask", "update_mask");
  }

  @Test
  void aFieldsKeyPathSetsTheKeyOrRemovesItWhenAbsent() {
    Record created = records.createRecord(CreateRecordRequest.newBuilder().setParent("dataModels/companies")
        .setRecord(Record.newBuilder().setFields(Struct.newBuilder().putFields("old", text("x")))).build());

    Record updated = records.updateRecord(UpdateRecordRequest.newBuilder()
        .setRecord(Record.newBuilder().setName(created.getName()).setEtag(created.getEtag())
            .setFields(Struct.newBuilder().putFields("tier", text("gold"))))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields.tier").addPaths("fields.old")).build());

    assertThat(useCases.recordRequests.getLast()).isInstanceOfSatisfying(UpdateRecordCommand.class, c -> {
      assertThat(c.patch().keys()).isEqualTo(Map.of("tier", Optional.of(new FieldValue.StringValue("gold")),
          "old", Optional.empty()));
      assertThat(c.expectedVersion()).hasValue(1);
    });
    assertThat(updated.getFields()).isEqualTo(Struct.newBuilder().putFields("tier", text("gold")).build());
  }

  @Test
  void aFilterIsParsedIntoItsTerms() {
    records.listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/companies")
        .setFilter("update_time >= \"2026-01-01T00:00:00Z\" AND external_id = \"crm-1\" AND fields.tier = \"gold\""
            + " AND fields.seats = 12 AND fields.active = true AND update_time < \"2026-02-01T00:00:00+01:00\"")
        .build());

    assertThat(useCases.recordRequests).singleElement().isInstanceOfSatisfying(ListRecordsQuery.class, q -> {
      RecordFilter f = q.filter();
      assertThat(q.dataModel()).isEqualTo(DataModel.COMPANIES);
      assertThat(f.externalId()).contains(new ExternalId("crm-1"));
      assertThat(f.updatedAfter()).contains(new RecordFilter.Bound(Instant.parse("2026-01-01T00:00:00Z"), true));
      assertThat(f.updatedBefore()).contains(new RecordFilter.Bound(Instant.parse("2026-01-31T23:00:00Z"), false));
      assertThat(f.fieldEquals()).isEqualTo(Map.of("tier", new FieldValue.StringValue("gold"),
          "seats", new FieldValue.NumberValue(12), "active", new FieldValue.BoolValue(true)));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"external_id = \"x' OR '1'='1\"", "external_id = x", "name = \"a\"",
      "update_time > \"yesterday\"", "update_time = \"2026-01-01T00:00:00Z\"", "fields.a > 3",
      "external_id = \"a\" OR external_id = \"b\"", "external_id = \"a\" AND external_id = \"b\"",
      "fields.n = 1e999", "fields.a = \"x\"; drop table record", "external_id = \"a\" AND"})
  void aFilterOutsideTheSubsetIsAnInvalidArgument(String filter) {
    assertThat(BadFields.of(() -> records.listRecords(ListRecordsRequest.newBuilder()
        .setParent("dataModels/companies").setFilter(filter).build()))).containsExactly("filter");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  private static Record record(String externalId, Struct fields) {
    return Record.newBuilder().setExternalId(externalId).setFields(fields).build();
  }

  private static Value number(double value) {
    return Value.newBuilder().setNumberValue(value).build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
