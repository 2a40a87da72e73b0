package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TestWebhookRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookDelivery;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without {@code --allow-private-webhook-targets}, deliveries to anything but public addresses are
 * refused at delivery time, for every class of address, by name or by literal; nothing connects.
 */
class WebhookTargetsEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private static HttpServer receiver;
  private static final AtomicInteger requests = new AtomicInteger();
  private static CreateTenantResponse tenant;

  @BeforeAll
  static void receiverAndTenant() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    tenant = TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Targets"))
            .setOwnerEmail("owner@targets.test").setOwnerDisplayName("Owner").build());
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop(0);
  }

  private static WebhookDelivery test(String url) {
    var hooks = WebhookServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()));
    String name = hooks.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
        .setDisplayName("target").setUrl(url).addEventTypes("api_token.created")).build()).getWebhook().getName();
    return hooks.testWebhook(TestWebhookRequest.newBuilder().setName(name).build());
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:{port}/|loopback",
      "http://localhost:{port}/|loopback",
      "http://[::1]:{port}/|loopback",
      "http://10.0.0.1/|private",
      "http://192.168.0.10:8080/|private",
      "http://172.20.1.1/|private",
      "http://100.64.1.1/|CGNAT",
      "http://169.254.169.254/latest/meta-data/|link-local",
      "http://[fe80::1]/|link-local",
      "http://[fd00::1]/|unique-local",
      "http://224.0.0.251/|multicast",
      "http://0.0.0.0:{port}/|unspecified",
      "http://[::ffff:127.0.0.1]:{port}/|loopback",
      "https://127.0.0.1:{port}/|loopback"})
  void nonPublicTargetsAreRefusedAtDelivery(String url, String why) {
    int before = requests.get();

    WebhookDelivery outcome = test(url.replace("{port}", Integer.toString(receiver.getAddress().getPort())));

    assertThat(outcome.getResponseStatus()).isZero();
    assertThat(outcome.getError()).startsWith("refused: ").contains(why).contains("public addresses only");
    assertThat(requests).as("nothing connected").hasValue(before);
  }

  @Test
  void anUnresolvableHostIsAFailedAttemptNotAnError() {
    WebhookDelivery outcome = test("https://no-such-host.invalid/hook");

    assertThat(outcome.getError()).isEqualTo("could not resolve no-such-host.invalid");
  }
}
