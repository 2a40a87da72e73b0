package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.BasicAuth;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.CreateWebhookResponse;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.GetWebhookRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListWebhookDeliveriesRequest;
import dev.latchkey.proto.v1.ListWebhookEventTypesRequest;
import dev.latchkey.proto.v1.ListWebhooksRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.RotateWebhookSecretRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TestWebhookRequest;
import dev.latchkey.proto.v1.UpdateWebhookRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookDelivery;
import dev.latchkey.proto.v1.WebhookEventType;
import dev.latchkey.proto.v1.WebhookHeader;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks against the real server and a real HTTP receiver started here: events of committed
 * changes arrive signed (checked with this class's own implementation of the Standard Webhooks
 * scheme), with Basic auth and the hidden header; failures are retried on a schedule scaled down
 * a thousand times; write-only values never come back.
 */
class WebhooksEndToEndTest {
  @RegisterExtension
  static final RunningLatchkey latchkey = RunningLatchkey.deliveringLocally(RetrySchedule.STANDARD.scaledDown(1000));

  /** What the receiver got: headers (lowercase names, first value) and the body. */
  record Received(Map<String, String> headers, String body) {}

  private HttpServer receiver;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  /** The receiver answers 500 to this many requests first. */
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private CreateTenantResponse tenant;

  @BeforeEach
  void startReceiverAndTenant() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
      received.add(new Received(headers, body));
      if (status == 204) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        // A careless receiver that echoes what it got: the delivery log must not keep the secrets.
        byte[] echo = ("got authorization=" + headers.get("authorization") + " x-api-key=" + headers.get("x-api-key"))
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, echo.length);
        exchange.getResponseBody().write(echo);
      }
      exchange.close();
    });
    receiver.start();
    tenant = TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Hooks Inc"))
            .setOwnerEmail("owner-" + System.nanoTime() + "@hooks.test").setOwnerDisplayName("Owner").build());
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private WebhookServiceGrpc.WebhookServiceBlockingStub webhooks() {
    return WebhookServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(
        bearer(tenant.getOwnerTokenSecret()));
  }

  private CreateWebhookResponse createWebhook(String... eventTypes) {
    return webhooks().createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
            .setDisplayName("Receiver").setUrl(url()).addAllEventTypes(List.of(eventTypes))
            .setBasicAuth(BasicAuth.newBuilder().setUsername("hook-user").setPassword("hook-password"))
            .addHeaders(WebhookHeader.newBuilder().setName("X-Api-Key").setValue("hidden-key-123").setHidden(true))
            .addHeaders(WebhookHeader.newBuilder().setName("X-Team").setValue("blue")))
        .build());
  }

  private PrivateApp createApp(String name) {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createPrivateApp(CreatePrivateAppRequest.newBuilder()
            .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name)).build());
  }

  private Received next() throws InterruptedException {
    Received r = received.poll(20, TimeUnit.SECONDS);
    assertThat(r).as("a delivery within 20 s").isNotNull();
    return r;
  }

  @Test
  void aCommittedChangeReachesTheReceiverSignedWithBasicAuthAndTheHiddenHeader() throws Exception {
    CreateWebhookResponse created = createWebhook("api_token.created");
    PrivateApp app = createApp("Sync");
    long before = System.nanoTime();

    var issued = dev.latchkey.proto.v1.ApiTokenServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .createApiToken(CreateApiTokenRequest.newBuilder().setParent(app.getName())
            .setApiToken(ApiToken.newBuilder().setDisplayName("production")).build());
    Received delivery = next();
    long waitedMillis = (System.nanoTime() - before) / 1_000_000;

    assertThat(delivery.body()).startsWith("{\"type\":\"api_token.created\",\"timestamp\":\"")
        .contains("\"data\":{\"name\":\"" + issued.getApiToken().getName() + "\"")
        .doesNotContain(issued.getSecret());
    assertThat(independentlyVerified(created.getSigningSecret(), delivery)).isTrue();
    assertThat(delivery.headers().get("authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("hook-user:hook-password".getBytes(StandardCharsets.UTF_8)));
    assertThat(delivery.headers()).containsEntry("x-api-key", "hidden-key-123").containsEntry("x-team", "blue")
        .containsEntry("content-type", "application/json");
    assertThat(waitedMillis).as("first attempt soon after the commit").isLessThan(20_000);
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("exactly one delivery").isNull();
  }

  @Test
  void recordChangesReachTheReceiverSignedAsModelEventsInTheirOrder() throws Exception {
    CreateWebhookResponse created = createWebhook("tickets.created", "tickets.updated", "tickets.deleted");
    var records = dev.latchkey.proto.v1.RecordServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
    com.google.protobuf.Struct fields = com.google.protobuf.Struct.newBuilder().putFields("subject",
        com.google.protobuf.Value.newBuilder().setStringValue("Printer on fire").build()).build();

    dev.latchkey.proto.v1.Record ticket = records.createRecord(dev.latchkey.proto.v1.CreateRecordRequest.newBuilder()
        .setParent("dataModels/tickets")
        .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("T-1").setFields(fields)).build());
    records.updateRecord(dev.latchkey.proto.v1.UpdateRecordRequest.newBuilder()
        .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setName(ticket.getName())
            .setFields(com.google.protobuf.Struct.newBuilder().putFields("status",
                com.google.protobuf.Value.newBuilder().setStringValue("open").build())))
        .setUpdateMask(FieldMask.newBuilder().addPaths("fields.status")).build());
    records.batchUpsertRecords(dev.latchkey.proto.v1.BatchUpsertRecordsRequest.newBuilder()
        .setParent("dataModels/tickets")
        .addRecords(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("T-2").setFields(fields))
        .addRecords(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("T-3").setFields(fields)).build());
    records.deleteRecord(dev.latchkey.proto.v1.DeleteRecordRequest.newBuilder().setName(ticket.getName()).build());
    // A model nobody subscribed to sends nothing.
    records.createRecord(dev.latchkey.proto.v1.CreateRecordRequest.newBuilder().setParent("dataModels/companies")
        .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setFields(fields)).build());

    List<Received> deliveries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      deliveries.add(next());
    }
    assertThat(deliveries).extracting(r -> r.body().substring(0, r.body().indexOf(",\"timestamp\"")))
        .containsExactly("{\"type\":\"tickets.created\"", "{\"type\":\"tickets.updated\"",
            "{\"type\":\"tickets.created\"", "{\"type\":\"tickets.created\"", "{\"type\":\"tickets.deleted\"");
    for (Received delivery : deliveries) {
      assertThat(independentlyVerified(created.getSigningSecret(), delivery)).isTrue();
      assertThat(delivery.headers()).containsEntry("x-api-key", "hidden-key-123");
    }
    assertThat(deliveries.get(0).body()).contains("\"name\":\"" + ticket.getName() + "\"")
        .contains("\"external_id\":\"T-1\"").contains("\"fields\":{\"subject\":\"Printer on fire\"}")
        .contains("\"creator\":\"" + tenant.getOwner().getName() + "\"");
    assertThat(deliveries.get(1).body()).contains("\"changed_keys\":[\"status\"]")
        .contains("\"status\":\"open\"");
    assertThat(deliveries.get(2).body()).contains("\"external_id\":\"T-2\"");
    assertThat(deliveries.get(3).body()).contains("\"external_id\":\"T-3\"");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("nothing for the unsubscribed model").isNull();
  }

  @Test
  void aLongBacklogOfOneWebhookArrivesInCommitOrderEachEventOnce() throws Exception {
    createWebhook("tickets.created");
    var records = dev.latchkey.proto.v1.RecordServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
    // More events than one claimed run holds: the webhook's runs follow each other, in order.
    int events = 120;
    var batch = dev.latchkey.proto.v1.BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/tickets");
    for (int i = 0; i < events; i++) {
      batch.addRecords(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("B-" + i)
          .setFields(com.google.protobuf.Struct.newBuilder().putFields("subject",
              com.google.protobuf.Value.newBuilder().setStringValue("Ticket " + i).build())));
    }
    records.batchUpsertRecords(batch.build());

    List<String> order = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Received delivery = next();
      String body = delivery.body();
      int at = body.indexOf("\"external_id\":\"") + "\"external_id\":\"".length();
      order.add(body.substring(at, body.indexOf('"', at)));
      ids.add(delivery.headers().get("webhook-id"));
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      expected.add("B-" + i);
    }
    assertThat(order).containsExactlyElementsOf(expected);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("each event once").isNull();
  }

  @Test
  void aReceiverFailingThreeTimesThenSucceedingShowsFourAttemptsInTheLog() throws Exception {
    CreateWebhookResponse created = createWebhook("private_app.disabled");
    PrivateApp app = createApp("Flaky");
    failuresLeft.set(3);

    PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(app.getName()).build());
    List<Received> deliveries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      deliveries.add(next());
    }

    assertThat(deliveries).extracting(r -> r.headers().get("webhook-id")).as("one message id for every attempt")
        .containsOnly(deliveries.getFirst().headers().get("webhook-id"));
    List<WebhookDelivery> log = awaitLog(created.getWebhook().getName(), 4);
    assertThat(log).extracting(WebhookDelivery::getAttempt).containsExactly(4, 3, 2, 1);
    assertThat(log).extracting(WebhookDelivery::getResponseStatus).containsExactly(204, 500, 500, 500);
    assertThat(log).extracting(WebhookDelivery::getEventType).containsOnly("private_app.disabled");
    assertThat(log.getFirst().getError()).isEmpty();
    assertThat(log.getLast().getError()).isEqualTo("the receiver answered HTTP 500");
    assertThat(log.getLast().getResponseBody()).startsWith("got authorization=Basic [redacted] x-api-key=[redacted]");
    assertThat(log.toString()).doesNotContain("hook-password").doesNotContain("hidden-key-123").doesNotContain(
        Base64.getEncoder().encodeToString("hook-user:hook-password".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hiddenValuesNeverComeBackFromAnyCallNorTheAuditTrail() {
    CreateWebhookResponse created = createWebhook("api_token.created");
    String name = created.getWebhook().getName();

    Webhook got = webhooks().getWebhook(GetWebhookRequest.newBuilder().setName(name).build());
    var listed = webhooks().listWebhooks(ListWebhooksRequest.getDefaultInstance());
    Webhook updated = webhooks().updateWebhook(UpdateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setName(name).setDisplayName("Renamed"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(name).build());

    for (Object response : List.of(created.getWebhook(), got, listed, updated, audit)) {
      assertThat(response.toString()).doesNotContain("hook-password").doesNotContain("hidden-key-123")
          .doesNotContain(created.getSigningSecret().substring("whsec_".length()));
    }
    assertThat(got.getBasicAuth().getPasswordSet()).isTrue();
    assertThat(got.getHeadersList()).extracting(WebhookHeader::getValue).containsExactly("", "blue");
    assertThat(audit.getAuditEventsList()).extracting(e -> e.getAction())
        .contains("webhook.created", "webhook.updated");
  }

  @Test
  void changingTheHostNeedsThePasswordAndHiddenValuesAgain() {
    String name = createWebhook("api_token.created").getWebhook().getName();
    String otherHost = "http://localhost:" + receiver.getAddress().getPort() + "/hook";

    StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () ->
        webhooks().updateWebhook(UpdateWebhookRequest.newBuilder()
            .setWebhook(Webhook.newBuilder().setName(name).setUrl(otherHost))
            .setUpdateMask(FieldMask.newBuilder().addPaths("url")).build()));
    Webhook moved = webhooks().updateWebhook(UpdateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setName(name).setUrl(otherHost)
            .setBasicAuth(BasicAuth.newBuilder().setUsername("hook-user").setPassword("new-password"))
            .addHeaders(WebhookHeader.newBuilder().setName("X-Api-Key").setValue("new-key").setHidden(true)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("url").addPaths("basic_auth").addPaths("headers")).build());

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.getStatus().getDescription()).contains("host changes", "basic_auth");
    assertThat(moved.getUrl()).isEqualTo(otherHost);
    assertThat(moved.getHeadersList()).extracting(WebhookHeader::getValue).containsExactly("");
  }

  @Test
  void testWebhookSendsNowAndARotatedSecretSignsAlongsideTheOldOneForADay() throws Exception {
    CreateWebhookResponse created = createWebhook("api_token.created");
    String name = created.getWebhook().getName();

    WebhookDelivery outcome = webhooks().testWebhook(TestWebhookRequest.newBuilder().setName(name).build());
    Received first = next();
    var rotated = webhooks().rotateWebhookSecret(RotateWebhookSecretRequest.newBuilder().setName(name).build());
    webhooks().testWebhook(TestWebhookRequest.newBuilder().setName(name).build());
    Received second = next();

    assertThat(outcome.getResponseStatus()).isEqualTo(204);
    assertThat(outcome.getEventType()).isEqualTo("webhook.test");
    assertThat(outcome.getError()).isEmpty();
    assertThat(first.body()).contains("\"type\":\"webhook.test\"");
    assertThat(independentlyVerified(created.getSigningSecret(), first)).isTrue();
    assertThat(rotated.getSigningSecret()).startsWith("whsec_").isNotEqualTo(created.getSigningSecret());
    assertThat(second.headers().get("webhook-signature").split(" ")).hasSize(2);
    assertThat(independentlyVerified(rotated.getSigningSecret(), second)).isTrue();
    assertThat(independentlyVerified(created.getSigningSecret(), second)).isTrue();
  }

  @Test
  void theOperatorActingForTheAccountHolderManagesWebhooksAndTheCatalogListsRecordEvents() {
    CallCredentials actingForOwner = new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + latchkey.operatorToken());
        headers.put(Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER),
            tenant.getTenant().getName() + "/" + tenant.getOwner().getName());
        applier.apply(headers);
      }
    };

    var types = WebhookServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(actingForOwner)
        .listWebhookEventTypes(ListWebhookEventTypesRequest.getDefaultInstance());

    assertThat(types.getEventTypesList()).extracting(WebhookEventType::getName)
        .contains("tickets.created", "companies.updated", "end_users.deleted", "api_token.created",
            "api_token.deleted", "private_app.disabled");
  }

  private List<WebhookDelivery> awaitLog(String webhook, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<WebhookDelivery> log;
    do {
      log = webhooks().listWebhookDeliveries(ListWebhookDeliveriesRequest.newBuilder().setParent(webhook).build())
          .getDeliveriesList();
      if (log.size() >= size) {
        return log;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return log;
  }

  /**
   * The Standard Webhooks check, written here from the specification rather than with the server's
   * code: some {@code v1,} entry of the signature header is base64 HMAC-SHA256 over {@code
   * id.timestamp.body} under the base64-decoded part of {@code whsec_...}, and the timestamp is recent.
   */
  private static boolean independentlyVerified(String whsec, Received delivery) throws GeneralSecurityException {
    String id = delivery.headers().get("webhook-id");
    String timestamp = delivery.headers().get("webhook-timestamp");
    assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp))).isLessThan(300);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(whsec.substring(6)), "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(
        mac.doFinal((id + "." + timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
    for (String entry : delivery.headers().get("webhook-signature").split(" ")) {
      if (entry.equals("v1," + expected)) {
        return true;
      }
    }
    return false;
  }
}
