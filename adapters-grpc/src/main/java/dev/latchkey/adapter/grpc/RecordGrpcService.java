package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RecordFilters;
import dev.latchkey.adapter.grpc.mapping.RecordMessages;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertRecordsUseCase;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.in.CreateRecordCommand;
import dev.latchkey.application.port.in.CreateRecordUseCase;
import dev.latchkey.application.port.in.DeleteRecordCommand;
import dev.latchkey.application.port.in.DeleteRecordUseCase;
import dev.latchkey.application.port.in.GetRecordQuery;
import dev.latchkey.application.port.in.GetRecordUseCase;
import dev.latchkey.application.port.in.ListRecordRevisionsQuery;
import dev.latchkey.application.port.in.ListRecordRevisionsUseCase;
import dev.latchkey.application.port.in.ListRecordsQuery;
import dev.latchkey.application.port.in.ListRecordsUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.application.port.in.UpdateRecordUseCase;
import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.BatchUpsertRecordsResponse;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.DeleteRecordRequest;
import dev.latchkey.proto.v1.GetRecordRequest;
import dev.latchkey.proto.v1.ListRecordRevisionsRequest;
import dev.latchkey.proto.v1.ListRecordRevisionsResponse;
import dev.latchkey.proto.v1.ListRecordsRequest;
import dev.latchkey.proto.v1.ListRecordsResponse;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code latchkey.v1.RecordService}: the records of the business data models. Names and fields are
 * checked here, before the use case checks the grant on the model they name.
 */
public final class RecordGrpcService extends RecordServiceGrpc.RecordServiceImplBase {
  /** {@code external_id}, {@code fields}, and one {@code fields.<key>} per possible key. */
  private static final int MAX_MASK_PATHS = 2 + RecordFields.MAX_KEYS;

  private final CreateRecordUseCase createRecord;
  private final GetRecordUseCase getRecord;
  private final ListRecordsUseCase listRecords;
  private final UpdateRecordUseCase updateRecord;
  private final DeleteRecordUseCase deleteRecord;
  private final BatchUpsertRecordsUseCase batchUpsert;
  private final ListRecordRevisionsUseCase listRevisions;

  @Inject
  public RecordGrpcService(
      CreateRecordUseCase createRecord, GetRecordUseCase getRecord, ListRecordsUseCase listRecords,
      UpdateRecordUseCase updateRecord, DeleteRecordUseCase deleteRecord, BatchUpsertRecordsUseCase batchUpsert,
      ListRecordRevisionsUseCase listRevisions) {
    this.createRecord = createRecord;
    this.getRecord = getRecord;
    this.listRecords = listRecords;
    this.updateRecord = updateRecord;
    this.deleteRecord = deleteRecord;
    this.batchUpsert = batchUpsert;
    this.listRevisions = listRevisions;
  }

  @Override
  public void createRecord(CreateRecordRequest request, StreamObserver<Record> response) {
    RequestFields fields = new RequestFields();
    DataModel model = RecordMessages.parent(fields, "parent", request.getParent());
    Record record = request.getRecord();
    Optional<ExternalId> externalId = RecordMessages.externalId(fields, "record.external_id", record.getExternalId());
    RecordFields values = RecordMessages.fields(fields, "record.fields", record.getFields());
    if (!record.getName().isEmpty()) {
      fields.violation("record.name", "is assigned by the server; leave it empty");
    }
    fields.check();
    respond(response, RecordMessages.record(createRecord.execute(CallPrincipal.current(),
        new CreateRecordCommand(model, externalId, values))));
  }

  @Override
  public void getRecord(GetRecordRequest request, StreamObserver<Record> response) {
    RequestFields fields = new RequestFields();
    var name = RecordMessages.recordName(fields, "name", request.getName());
    fields.check();
    respond(response, RecordMessages.record(getRecord.execute(CallPrincipal.current(),
        new GetRecordQuery(name.dataModel(), name.id()))));
  }

  @Override
  public void listRecords(ListRecordsRequest request, StreamObserver<ListRecordsResponse> response) {
    RequestFields fields = new RequestFields();
    DataModel model = RecordMessages.parent(fields, "parent", request.getParent());
    RecordFilter filter = RecordFilters.parse(fields, "filter", request.getFilter());
    fields.check();
    Page<DataRecord> page = listRecords.execute(CallPrincipal.current(), new ListRecordsQuery(model,
        new PageQuery(request.getPageSize(), request.getPageToken()), filter));
    respond(response, ListRecordsResponse.newBuilder()
        .addAllRecords(page.items().stream().map(RecordMessages::record).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void updateRecord(UpdateRecordRequest request, StreamObserver<Record> response) {
    RequestFields fields = new RequestFields();
    Record record = request.getRecord();
    var name = RecordMessages.recordName(fields, "record.name", record.getName());
    Set<String> paths = maskPaths(fields, request.getUpdateMask().getPathsList());
    Optional<Optional<ExternalId>> externalId = paths.contains("external_id")
        ? Optional.ofNullable(RecordMessages.externalId(fields, "record.external_id", record.getExternalId()))
        : Optional.empty();
    Optional<RecordFields> all = paths.contains("fields")
        ? Optional.ofNullable(RecordMessages.fields(fields, "record.fields", record.getFields()))
        : Optional.empty();
    Map<String, Optional<FieldValue>> keys = keyChanges(fields, paths, record.getFields());
    OptionalLong version = ProtoRequests.etag(fields, "record.etag", record.getEtag());
    fields.check();
    var patch = new DataRecord.Patch(externalId, all, keys);
    respond(response, RecordMessages.record(updateRecord.execute(CallPrincipal.current(),
        new UpdateRecordCommand(name.dataModel(), name.id(), patch, version))));
  }

  @Override
  public void deleteRecord(DeleteRecordRequest request, StreamObserver<Empty> response) {
    RequestFields fields = new RequestFields();
    var name = RecordMessages.recordName(fields, "name", request.getName());
    OptionalLong version = ProtoRequests.etag(fields, "etag", request.getEtag());
    fields.check();
    deleteRecord.execute(CallPrincipal.current(), new DeleteRecordCommand(name.dataModel(), name.id(), version));
    respond(response, Empty.getDefaultInstance());
  }

  @Override
  public void batchUpsertRecords(
      BatchUpsertRecordsRequest request, StreamObserver<BatchUpsertRecordsResponse> response) {
    RequestFields fields = new RequestFields();
    DataModel model = RecordMessages.parent(fields, "parent", request.getParent());
    List<BatchUpsertRecordsCommand.Upsert> upserts = new ArrayList<>();
    // Counted before any record is looked at.
    int count = request.getRecordsCount();
    if (count == 0 || count > BatchUpsertRecordsCommand.MAX_RECORDS) {
      fields.violation("records", "must hold 1 to " + BatchUpsertRecordsCommand.MAX_RECORDS + " records, not " + count);
    } else {
      Set<ExternalId> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        Record record = request.getRecords(i);
        String at = "records[" + i + "]";
        if (!record.getName().isEmpty()) {
          fields.violation(at + ".name", "leave it empty: records are matched on external_id");
        }
        Optional<ExternalId> externalId = record.getExternalId().isEmpty() ? null
            : RecordMessages.externalId(fields, at + ".external_id", record.getExternalId());
        if (record.getExternalId().isEmpty()) {
          fields.violation(at + ".external_id", "is required: records are matched on it");
        } else if (externalId != null && !seen.add(externalId.orElseThrow())) {
          fields.violation(at + ".external_id", "appears more than once in the batch");
        }
        RecordFields values = RecordMessages.fields(fields, at + ".fields", record.getFields());
        if (externalId != null && values != null) {
          upserts.add(new BatchUpsertRecordsCommand.Upsert(externalId.orElseThrow(), values));
        }
      }
    }
    fields.check();
    BatchUpsertResult result = batchUpsert.execute(CallPrincipal.current(),
        new BatchUpsertRecordsCommand(model, upserts));
    respond(response, BatchUpsertRecordsResponse.newBuilder()
        .addAllRecords(result.records().stream().map(RecordMessages::record).toList())
        .setCreatedCount(result.created())
        .setUpdatedCount(result.updated())
        .setUnchangedCount(result.unchanged())
        .build());
  }

  @Override
  public void listRecordRevisions(
      ListRecordRevisionsRequest request, StreamObserver<ListRecordRevisionsResponse> response) {
    RequestFields fields = new RequestFields();
    var name = RecordMessages.recordName(fields, "parent", request.getParent());
    fields.check();
    Page<RecordRevision> page = listRevisions.execute(CallPrincipal.current(), new ListRecordRevisionsQuery(
        name.dataModel(), name.id(), new PageQuery(request.getPageSize(), request.getPageToken())));
    respond(response, ListRecordRevisionsResponse.newBuilder()
        .addAllRevisions(page.items().stream().map(RecordMessages::revision).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  /** The paths of a required update mask: {@code external_id}, {@code fields}, {@code fields.<key>}. */
  private static Set<String> maskPaths(RequestFields fields, List<String> paths) {
    Set<String> valid = new java.util.LinkedHashSet<>();
    if (paths.isEmpty()) {
      fields.violation("update_mask", "must name the paths to change: external_id, fields or fields.<key>");
      return valid;
    }
    if (paths.size() > MAX_MASK_PATHS) {
      fields.violation("update_mask", "must name at most " + MAX_MASK_PATHS + " paths, each once");
      return valid;
    }
    for (String path : paths) {
      boolean known = path.equals("external_id") || path.equals("fields")
          || (path.startsWith("fields.") && isKey(path.substring("fields.".length())));
      if (!known) {
        fields.violation("update_mask", "cannot update '" + truncate(path)
            + "'; updatable: external_id, fields, fields.<key> (keys: 1 to 64 of A-Z a-z 0-9 _)");
      } else if (!valid.add(path)) {
        fields.violation("update_mask", "names '" + path + "' twice");
      }
    }
    return valid;
  }

  /** Each {@code fields.<key>} path: the key's new value in {@code struct}, or removal when absent there. */
  private static Map<String, Optional<FieldValue>> keyChanges(RequestFields fields, Set<String> paths, Struct struct) {
    Map<String, Optional<FieldValue>> changes = new LinkedHashMap<>();
    for (String path : paths) {
      if (!path.startsWith("fields.")) {
        continue;
      }
      String key = path.substring("fields.".length());
      var value = struct.getFieldsMap().get(key);
      if (value == null) {
        changes.put(key, Optional.empty());
        continue;
      }
      FieldValue converted = fields.value("record.fields." + key, () -> RecordMessages.value(value, 2));
      changes.put(key, Optional.ofNullable(converted));
    }
    return changes;
  }

  private static boolean isKey(String key) {
    try {
      RecordFields.requireKey(key);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  private static String truncate(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    Objects.requireNonNull(message, "message");
    response.onNext(message);
    response.onCompleted();
  }
}
