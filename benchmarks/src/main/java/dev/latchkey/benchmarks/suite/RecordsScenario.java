package dev.latchkey.benchmarks.suite;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import io.grpc.Channel;
import java.util.List;
import java.util.Locale;

/**
 * Records over the real server (issue 9), all with one private app's token (read, create and update
 * on companies): single {@code CreateRecord} calls against {@code GetCallerIdentity} calls, 16 in
 * flight each; then {@code BatchUpsertRecords} with 1,000-record batches, 2 in flight, first all new
 * records (rows/s read against the rows/s of single creates), then the same external ids again with
 * changed fields, every row an update with a revision (read against new). Target: 20,000 rows/s.
 */
final class RecordsScenario implements Scenario {
  private static final int IN_FLIGHT = 16;
  private static final int BATCH_IN_FLIGHT = 2;
  private static final int BATCH = 1000;
  private static final int BATCH_DEADLINE_SECONDS = 60;
  private static final double TARGET_ROWS_PER_SECOND = 20_000;

  @Override
  public String name() {
    return "records";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    ServerCluster.TenantOwner owner = servers.newTenant("records");
    Channel app = ServerCluster.withToken(servers.instance(0).channel(), appToken(servers, owner));
    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(3, 15);

    run.progress("records: GetCallerIdentity, then CreateRecord, %d in flight (%d s + %d s each)", IN_FLIGHT, warmup,
        window);
    LoadDriver.Result identity = LoadDriver.driveOk("GetCallerIdentity", new LoadDriver.Call<>(app,
        AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance()), IN_FLIGHT, warmup,
        window);
    LoadDriver.Result create = LoadDriver.driveOk("CreateRecord", new LoadDriver.Call<>(app,
        RecordServiceGrpc.getCreateRecordMethod(),
        n -> CreateRecordRequest.newBuilder().setParent("dataModels/companies").setRecord(record("single-" + n, 0))
            .build(),
        LoadDriver.Call.DEFAULT_DEADLINE_SECONDS), IN_FLIGHT, warmup, window);

    run.progress("records: BatchUpsertRecords of %,d, %d in flight, new then changed (%d s + %d s each)", BATCH,
        BATCH_IN_FLIGHT, warmup, window);
    long[] created = new long[1];
    LoadDriver.Result fresh = LoadDriver.driveOk("BatchUpsertRecords, new", new LoadDriver.Call<>(app,
        RecordServiceGrpc.getBatchUpsertRecordsMethod(), n -> {
          created[0] = n + 1;
          return batch(n, 0);
        }, BATCH_DEADLINE_SECONDS), BATCH_IN_FLIGHT, warmup, window);
    long batches = created[0];
    if (batches < BATCH_IN_FLIGHT) {
      throw new IllegalStateException("only " + batches + " batch(es) of new records: too few to change them "
          + BATCH_IN_FLIGHT + " at a time without two batches of the same records in flight");
    }
    // The same external ids again, one batch after the other, each time with other field values.
    LoadDriver.Result changed = LoadDriver.driveOk("BatchUpsertRecords, changed", new LoadDriver.Call<>(app,
        RecordServiceGrpc.getBatchUpsertRecordsMethod(), n -> batch(n % batches, 1 + n / batches),
        BATCH_DEADLINE_SECONDS), BATCH_IN_FLIGHT, warmup, window);

    String at = ", " + IN_FLIGHT + " in flight";
    double freshRows = fresh.callsPerSecond() * BATCH;
    double changedRows = changed.callsPerSecond() * BATCH;
    String batchAt = String.format(Locale.ROOT, " (%,d-record batches, %d in flight)", BATCH, BATCH_IN_FLIGHT);
    return List.of(
        Figure.absolute("records.identity.calls", "GetCallerIdentity, private app token" + at,
            identity.callsPerSecond(), "calls/s", "baseline"),
        Figure.relative("records.create.calls", "CreateRecord" + at, create.callsPerSecond(), "calls/s",
            identity.callsPerSecond(), "GetCallerIdentity"),
        Figure.relative("records.create.p50", "CreateRecord" + at + " p50", create.millis(50), "ms",
            identity.millis(50), "p50 of GetCallerIdentity"),
        Figure.relative("records.create.p99", "CreateRecord" + at + " p99", create.millis(99), "ms",
            identity.millis(99), "p99 of GetCallerIdentity"),
        Figure.relative("records.upsert-new.rows", "BatchUpsertRecords, new records" + batchAt, freshRows, "rows/s",
            create.callsPerSecond(), "single CreateRecord calls").withNote(target(freshRows)),
        Figure.relative("records.upsert-new.p50", "BatchUpsertRecords, new records: p50 of a batch",
            fresh.millis(50), "ms", create.millis(50), "p50 of a single CreateRecord"),
        Figure.relative("records.upsert-changed.rows", "BatchUpsertRecords, changed records" + batchAt, changedRows,
            "rows/s", freshRows, "new records").withNote(target(changedRows)),
        Figure.relative("records.upsert-changed.p50", "BatchUpsertRecords, changed records: p50 of a batch",
            changed.millis(50), "ms", fresh.millis(50), "p50 of a batch of new records"));
  }

  private static String target(double rowsPerSecond) {
    return String.format(Locale.ROOT, "target >= %,.0f rows/s: %s", TARGET_ROWS_PER_SECOND,
        Figure.met(rowsPerSecond >= TARGET_ROWS_PER_SECOND));
  }

  /** A private app with read, create and update on companies, and the secret of a token of it. */
  private static String appToken(ServerCluster servers, ServerCluster.TenantOwner owner) {
    Channel admin = ServerCluster.withToken(servers.instance(0).channel(), owner.token());
    PrivateApp app = PrivateAppServiceGrpc.newBlockingStub(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Sync").addGrants(Grant.newBuilder()
            .setDataModel("companies").addActions(Action.ACTION_READ).addActions(Action.ACTION_CREATE)
            .addActions(Action.ACTION_UPDATE))).build());
    return ApiTokenServiceGrpc.newBlockingStub(admin).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app.getName()).setApiToken(ApiToken.newBuilder().setDisplayName("bench")).build()).getSecret();
  }

  private static BatchUpsertRecordsRequest batch(long index, long generation) {
    BatchUpsertRecordsRequest.Builder request = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/companies");
    for (int i = 0; i < BATCH; i++) {
      request.addRecords(record("batch-" + index + "-" + i, generation));
    }
    return request.build();
  }

  /** A record of about 200 bytes of JSON: six keys, a list among them. */
  private static Record record(String externalId, long generation) {
    return Record.newBuilder().setExternalId(externalId).setFields(Struct.newBuilder()
            .putFields("name", text("Company " + externalId))
            .putFields("domain", text(externalId + ".example.com"))
            .putFields("seats", Value.newBuilder().setNumberValue((double) (10 + generation)).build())
            .putFields("plan", text(generation % 2 == 0 ? "growth" : "enterprise"))
            .putFields("active", Value.newBuilder().setBoolValue(true).build())
            .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
                .addValues(text("b2b")).addValues(text("emea"))).build()))
        .build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
