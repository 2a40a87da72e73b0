package dev.latchkey.app.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.ListWebhookDeliveriesRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookDelivery;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox is in the database, not in the process: a server killed with SIGKILL while a committed
 * event is still undelivered (its first attempt failed, its retry is due in about 5 s) delivers it
 * once it runs again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebhookOutboxSurvivesKillTest {
  @RegisterExtension
  static final FreshDatabase database = FreshDatabase.empty();

  @TempDir
  Path dataDir;

  private ServerProcess serve() {
    return ServerProcess.start(dataDir, "serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url(), "--allow-private-webhook-targets");
  }

  @Test
  void anUndeliveredEventIsDeliveredAfterASigkillAndARestart() throws Exception {
    int receiverPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      receiverPort = probe.getLocalPort();
    }
    String webhook;
    String eventId;
    try (ServerProcess first = serve()) {
      int port = first.awaitListening();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        String operator = Files.readString(dataDir.resolve("operator-token")).strip();
        CreateTenantResponse tenant = TenantServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(operator))
            .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Killed"))
                .setOwnerEmail("owner@killed.test").setOwnerDisplayName("Owner").build());
        var hooks = WebhookServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
        webhook = hooks.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
                .setDisplayName("Down for now").setUrl("http://127.0.0.1:" + receiverPort + "/hook")
                .addEventTypes("private_app.created"))
            .build()).getWebhook().getName();

        PrivateAppServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
            .createPrivateApp(CreatePrivateAppRequest.newBuilder()
                .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Committed")).build());
        List<WebhookDelivery> log = awaitLog(hooks, webhook, 1);
        assertThat(log).singleElement().satisfies(d -> assertThat(d.getError()).contains("could not connect"));
        eventId = log.getFirst().getEventId();

        first.kill();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }

    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (ServerProcess second = serve()) {
      second.awaitListening();

      String delivered = received.poll(60, TimeUnit.SECONDS);

      assertThat(delivered).as(second.output()).isEqualTo(eventId);
    } finally {
      receiver.stop(0);
    }
  }

  private static List<WebhookDelivery> awaitLog(WebhookServiceGrpc.WebhookServiceBlockingStub hooks, String webhook,
      int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<WebhookDelivery> log;
    do {
      log = hooks.listWebhookDeliveries(ListWebhookDeliveriesRequest.newBuilder().setParent(webhook).build())
          .getDeliveriesList();
      if (log.size() >= size) {
        return log;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return log;
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
