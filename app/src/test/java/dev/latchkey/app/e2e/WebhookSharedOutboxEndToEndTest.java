package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one database deliver from the one outbox at once, each with its lanes of
 * pipelined runs: every event reaches each subscribed webhook once, and each webhook gets its
 * events in commit order.
 */
class WebhookSharedOutboxEndToEndTest {
  @RegisterExtension
  static final RunningLatchkey latchkey = RunningLatchkey.deliveringLocally(RetrySchedule.STANDARD.scaledDown(1000));

  private static final int WEBHOOKS = 6;
  private static final int EVENTS = 80;

  @Test
  void twoInstancesShareTheOutboxDeliveringEachEventOnceInOrderPerWebhook() throws Exception {
    Map<String, List<String>> byWebhook = new ConcurrentHashMap<>();
    List<String> messageIds = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger arrived = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/hook/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int at = body.indexOf("\"external_id\":\"") + "\"external_id\":\"".length();
      byWebhook.computeIfAbsent(exchange.getRequestURI().getPath(), p -> Collections.synchronizedList(new ArrayList<>()))
          .add(body.substring(at, body.indexOf('"', at)));
      messageIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      arrived.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (LatchkeyServer second = latchkey.anotherInstance()) {
      CreateTenantResponse tenant = TenantServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(latchkey.operatorToken()))
          .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Shared"))
              .setOwnerEmail("owner-" + System.nanoTime() + "@shared.test").setOwnerDisplayName("Owner").build());
      var webhooks = WebhookServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
      for (int i = 0; i < WEBHOOKS; i++) {
        var _ = webhooks.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
            .setDisplayName("Hook " + i).setUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + i)
            .addEventTypes("tickets.created")).build());
      }
      var records = RecordServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
      // Two batches, so that the second instance's lanes have work while the first's are busy.
      List<String> expected = new ArrayList<>();
      for (int half = 0; half < 2; half++) {
        BatchUpsertRecordsRequest.Builder batch = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/tickets");
        for (int i = half * EVENTS / 2; i < (half + 1) * EVENTS / 2; i++) {
          expected.add("S-" + i);
          batch.addRecords(Record.newBuilder().setExternalId("S-" + i).setFields(Struct.newBuilder()
              .putFields("subject", Value.newBuilder().setStringValue("Ticket " + i).build())));
        }
        var _ = records.batchUpsertRecords(batch.build());
      }

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (arrived.get() < WEBHOOKS * EVENTS && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // Anything delivered twice would arrive about now.
      Thread.sleep(500);

      assertThat(messageIds).as("each event once to each webhook").hasSize(WEBHOOKS * EVENTS).doesNotHaveDuplicates();
      assertThat(byWebhook).hasSize(WEBHOOKS)
          .allSatisfy((path, order) -> assertThat(order).as(path).containsExactlyElementsOf(expected));
    } finally {
      receiver.stop(0);
    }
  }
}
