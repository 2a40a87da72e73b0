package dev.latchkey.benchmarks.suite;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.DeleteWebhookRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhooks over the real server (issue 13): the cluster's servers (all started with
 * {@code --allow-private-webhook-targets}, and all delivering from the one outbox) deliver to a JDK
 * {@code HttpServer} in the suite's JVM on loopback, which answers 204 at once. First the cost of the
 * outbox on the change path: {@code UpdateRecord} calls (16 in flight) in a tenant without webhooks,
 * then in a tenant with one webhook subscribed to {@code companies.updated} (its deliveries run
 * meanwhile), each on records of its own; then how fast a backlog of that webhook drains (one
 * {@code BatchUpsertRecords} changing all its 1,000 records queues 1,000 events at once; they go out
 * in order) before it is deleted. Then deliveries per second: 200 webhooks subscribed to
 * {@code companies.created} (parallelism comes from many webhooks), one {@code BatchUpsertRecords} of
 * new records fans out one outbox row per record and webhook in its transaction, and the clock runs
 * from its answer to the receiver's last request. Target: at least 2,000 deliveries/s.
 */
final class WebhooksScenario implements Scenario {
  private static final int IN_FLIGHT = 16;
  private static final int RECORDS = 1000;
  private static final int FAN_OUT_WEBHOOKS = 200;
  private static final double TARGET_DELIVERIES_PER_SECOND = 2_000;
  private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(3);
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);

  @Override
  public String name() {
    return "webhooks";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    AtomicLong updates = new AtomicLong();
    AtomicLong fanOut = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/updates", exchange -> {
      exchange.getRequestBody().readAllBytes();
      updates.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.createContext("/fan-out", exchange -> {
      exchange.getRequestBody().readAllBytes();
      fanOut.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
      return measure(run, servers, servers.instance(0), base, updates, fanOut);
    } finally {
      receiver.stop(0);
    }
  }

  private static List<Figure> measure(SuiteRun run, ServerCluster servers, ServerCluster.Instance server, String base,
      AtomicLong updates, AtomicLong fanOut) throws Exception {
    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(2, 15);
    int events = run.mode().pick(25, 100);

    ServerCluster.TenantOwner none = servers.newTenant("webhooks: none");
    ServerCluster.TenantOwner one = servers.newTenant("webhooks: one");
    Channel noneApp = ServerCluster.withToken(server.channel(), appToken(server, none));
    Channel oneApp = ServerCluster.withToken(server.channel(), appToken(server, one));
    String updateHook = createWebhook(server, one, base + "/updates", "companies.updated", 0);
    run.progress("webhooks: %,d records in each of two tenants", RECORDS);
    List<String> noneRecords = records(noneApp, "update");
    List<String> oneRecords = records(oneApp, "update");

    run.progress("webhooks: UpdateRecord, a round not counted, then no webhook and one, %d in flight (%d s + %d s each)",
        IN_FLIGHT, warmup, window);
    // No scenario before may have run UpdateRecord on this server: a round not counted first, so that
    // the tenant measured first does not pay for the JIT.
    LoadDriver.driveOk("UpdateRecord, not counted", update(noneApp, noneRecords), IN_FLIGHT, warmup + window, 1);
    LoadDriver.Result without = LoadDriver.driveOk("UpdateRecord, no webhook", update(noneApp, noneRecords), IN_FLIGHT,
        warmup, window);
    LoadDriver.Result with = LoadDriver.driveOk("UpdateRecord, one webhook", update(oneApp, oneRecords), IN_FLIGHT,
        warmup, window);
    // One webhook's events go out one at a time, in order: how fast a backlog of its own drains. Once
    // the deliveries of the updates above are all out, one BatchUpsertRecords changes every record of
    // the tenant, queuing that many events for the one webhook in one transaction; the clock runs from
    // its answer to the receiver's last request. Then the webhook goes, so that the fan-out below
    // starts from an empty outbox.
    awaitEmptyOutbox(servers);
    run.progress("webhooks: the one webhook's backlog: %,d changed records in one batch", RECORDS);
    long backlogStart = updates.get();
    BatchUpsertRecordsRequest.Builder changes = BatchUpsertRecordsRequest.newBuilder()
        .setParent("dataModels/companies");
    for (int i = 0; i < RECORDS; i++) {
      // seats never set by the UpdateRecord calls above: every record changes, one event each
      changes.addRecords(record("update-" + i, 1_000_000));
    }
    var _ = RecordServiceGrpc.newBlockingStub(oneApp).withDeadlineAfter(60, TimeUnit.SECONDS)
        .batchUpsertRecords(changes.build());
    Arrival backlogArrival = awaitArrivals(updates, backlogStart + RECORDS);
    long backlogReceived = backlogArrival.received() - backlogStart;
    if (backlogReceived == 0) {
      throw new IllegalStateException("none of " + RECORDS + " update events reached the receiver");
    }
    double backlog = backlogReceived / backlogArrival.seconds();
    var _ = WebhookServiceGrpc.newBlockingStub(ServerCluster.withToken(server.channel(), one.token()))
        .deleteWebhook(DeleteWebhookRequest.newBuilder().setName(updateHook).build());
    awaitEmptyOutbox(servers);

    ServerCluster.TenantOwner fan = servers.newTenant("webhooks: fan-out");
    Channel fanApp = ServerCluster.withToken(server.channel(), appToken(server, fan));
    for (int i = 0; i < FAN_OUT_WEBHOOKS; i++) {
      createWebhook(server, fan, base + "/fan-out", "companies.created", i);
    }
    long expected = (long) events * FAN_OUT_WEBHOOKS;
    run.progress("webhooks: %d new records x %d webhooks = %,d deliveries", events, FAN_OUT_WEBHOOKS, expected);
    BatchUpsertRecordsRequest.Builder batch = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/companies");
    for (int i = 0; i < events; i++) {
      batch.addRecords(record("fan-out-" + i, 0));
    }
    var _ = RecordServiceGrpc.newBlockingStub(fanApp).withDeadlineAfter(60, TimeUnit.SECONDS)
        .batchUpsertRecords(batch.build());
    Arrival arrival = awaitArrivals(fanOut, expected);
    long received = arrival.received();
    if (received == 0) {
      throw new IllegalStateException("none of " + expected + " deliveries arrived");
    }
    String failures = failedAttempts(servers);
    double seconds = arrival.seconds();
    double deliveries = received / seconds;

    String at = ", " + IN_FLIGHT + " in flight";
    String deliveriesLabel = String.format(Locale.ROOT,
        "webhook deliveries, outbox to a local receiver answering 204 (%,d of %,d: %d events x %d webhooks)",
        received, expected, events, FAN_OUT_WEBHOOKS);
    return List.of(
        Figure.absolute("webhooks.deliveries", deliveriesLabel, deliveries, "deliveries/s",
            String.format(Locale.ROOT, "target >= %,.0f deliveries/s: %s (%.1f s from the commit; %s)",
                TARGET_DELIVERIES_PER_SECOND, Figure.met(deliveries >= TARGET_DELIVERIES_PER_SECOND), seconds,
                failures)),
        Figure.relative("webhooks.backlog", String.format(Locale.ROOT,
                "webhook deliveries, one webhook's backlog (in order; %,d of %,d events of one batch)",
                backlogReceived, RECORDS),
            backlog, "deliveries/s", deliveries, "deliveries over " + FAN_OUT_WEBHOOKS + " webhooks"),
        Figure.absolute("webhooks.update-none.calls", "UpdateRecord, no webhook" + at, without.callsPerSecond(),
            "calls/s", "baseline"),
        Figure.relative("webhooks.update-one.calls", "UpdateRecord, one subscribed webhook" + at
            + " (its deliveries run meanwhile)", with.callsPerSecond(), "calls/s", without.callsPerSecond(),
            "UpdateRecord without a webhook"),
        Figure.relative("webhooks.update-one.p50", "UpdateRecord, one subscribed webhook" + at + " p50",
            with.millis(50), "ms", without.millis(50), "p50 without a webhook"),
        Figure.relative("webhooks.update-one.p99", "UpdateRecord, one subscribed webhook" + at + " p99",
            with.millis(99), "ms", without.millis(99), "p99 without a webhook"));
  }

  /** How many requests the receiver had when the wait ended, and the seconds until the last of them. */
  private record Arrival(long received, double seconds) {}

  /**
   * Waits until {@code counter} reaches {@code expected}, or until nothing arrived for {@link
   * #QUIET_NANOS}: a failed attempt is retried after 5 s, then 5 min, so the rate counts what arrived
   * until then (the failures are counted apart). The clock runs from the call to the last arrival.
   */
  private static Arrival awaitArrivals(AtomicLong counter, long expected) throws InterruptedException {
    long start = System.nanoTime();
    long last = start;
    long seen = counter.get();
    while (counter.get() < expected && System.nanoTime() - last < QUIET_NANOS) {
      Thread.sleep(5);
      long now = counter.get();
      if (now != seen) {
        seen = now;
        last = System.nanoTime();
      }
    }
    return new Arrival(counter.get(), (last - start) / 1e9);
  }

  /** Each call sets one field of the next record in turn, so calls in flight touch different records. */
  private static LoadDriver.Call<UpdateRecordRequest, Record> update(Channel app, List<String> names) {
    return new LoadDriver.Call<>(app, RecordServiceGrpc.getUpdateRecordMethod(),
        n -> UpdateRecordRequest.newBuilder()
            .setRecord(Record.newBuilder().setName(names.get((int) (n % names.size())))
                .setFields(Struct.newBuilder().putFields("seats", Value.newBuilder().setNumberValue((double) n).build())))
            .setUpdateMask(FieldMask.newBuilder().addPaths("fields.seats"))
            .build(),
        LoadDriver.Call.DEFAULT_DEADLINE_SECONDS);
  }

  private static void awaitEmptyOutbox(ServerCluster servers) throws Exception {
    long start = System.nanoTime();
    try (Connection connection = servers.connect(); Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet rows = statement.executeQuery("select count(*) from webhook_delivery")) {
          rows.next();
          if (rows.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() - start > DRAIN_TIMEOUT_NANOS) {
          throw new IllegalStateException("the webhook outbox did not drain within 3 min");
        }
        Thread.sleep(50);
      }
    }
  }

  /** How many attempts failed so far, and the most frequent error. */
  private static String failedAttempts(ServerCluster servers) throws Exception {
    try (Connection connection = servers.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select error, count(*) from webhook_delivery_attempt"
            + " where coalesce(error, '') <> '' group by error order by count(*) desc")) {
      long failed = 0;
      String top = "";
      while (rows.next()) {
        if (top.isEmpty()) {
          top = rows.getString(1);
        }
        failed += rows.getLong(2);
      }
      return failed == 0 ? "no attempt failed" : failed + " attempts failed, most often: " + top;
    }
  }

  private static String createWebhook(ServerCluster.Instance server, ServerCluster.TenantOwner owner, String url,
      String eventType, int index) {
    return WebhookServiceGrpc.newBlockingStub(ServerCluster.withToken(server.channel(), owner.token()))
        .createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
            .setDisplayName("Bench " + index).setUrl(url).addEventTypes(eventType)).build()).getWebhook().getName();
  }

  /** {@link #RECORDS} new companies, created in one batch; their resource names. */
  private static List<String> records(Channel app, String prefix) {
    BatchUpsertRecordsRequest.Builder request = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/companies");
    for (int i = 0; i < RECORDS; i++) {
      request.addRecords(record(prefix + "-" + i, 0));
    }
    var response = RecordServiceGrpc.newBlockingStub(app).withDeadlineAfter(60, TimeUnit.SECONDS)
        .batchUpsertRecords(request.build());
    List<String> names = new ArrayList<>();
    response.getRecordsList().forEach(r -> names.add(r.getName()));
    if (names.size() != RECORDS) {
      throw new IllegalStateException(names.size() + " records created, not " + RECORDS);
    }
    return names;
  }

  /** A private app with read, create and update on companies, and the secret of a token of it. */
  private static String appToken(ServerCluster.Instance server, ServerCluster.TenantOwner owner) {
    Channel admin = ServerCluster.withToken(server.channel(), owner.token());
    PrivateApp app = PrivateAppServiceGrpc.newBlockingStub(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Sync").addGrants(Grant.newBuilder()
            .setDataModel("companies").addActions(Action.ACTION_READ).addActions(Action.ACTION_CREATE)
            .addActions(Action.ACTION_UPDATE))).build());
    return ApiTokenServiceGrpc.newBlockingStub(admin).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app.getName()).setApiToken(ApiToken.newBuilder().setDisplayName("bench")).build()).getSecret();
  }

  private static Record record(String externalId, long generation) {
    return Record.newBuilder().setExternalId(externalId).setFields(Struct.newBuilder()
            .putFields("name", text("Company " + externalId))
            .putFields("domain", text(externalId + ".example.com"))
            .putFields("seats", Value.newBuilder().setNumberValue((double) (10 + generation)).build())
            .putFields("plan", text("growth")))
        .build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
