package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.GetWebhookRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook whose deliveries keep failing for the disable period (five days in production, 300 ms
 * here) is disabled by the server, with an audit event and a reason the account holder can read.
 */
class WebhookAutoDisableEndToEndTest {
  @RegisterExtension
  static final RunningLatchkey latchkey = RunningLatchkey.deliveringLocally(new RetrySchedule(
      Collections.nCopies(7, Duration.ofMillis(50)), 0.2, Duration.ofMillis(300)));

  @Test
  void aWebhookFailingThroughTheDisablePeriodIsDisabledWithItsReason() throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    receiver.start();
    try {
      CreateTenantResponse tenant = TenantServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(latchkey.operatorToken()))
          .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Broken"))
              .setOwnerEmail("owner@broken.test").setOwnerDisplayName("Owner").build());
      var hooks = WebhookServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
      String name = hooks.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
              .setDisplayName("Always down").setUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/")
              .addEventTypes("private_app.created"))
          .build()).getWebhook().getName();

      PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
          .createPrivateApp(CreatePrivateAppRequest.newBuilder()
              .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Trigger")).build());
      Webhook webhook = hooks.getWebhook(GetWebhookRequest.newBuilder().setName(name).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (webhook.getState() != Webhook.State.STATE_DISABLED && System.nanoTime() < deadline) {
        Thread.sleep(100);
        webhook = hooks.getWebhook(GetWebhookRequest.newBuilder().setName(name).build());
      }

      assertThat(webhook.getState()).isEqualTo(Webhook.State.STATE_DISABLED);
      assertThat(webhook.getDisabledReason()).contains("disabled by Latchkey", "HTTP 503");
      var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
          .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(name).build());
      assertThat(audit.getAuditEventsList()).extracting(e -> e.getAction()).contains("webhook.disabled");
    } finally {
      receiver.stop(0);
    }
  }
}
