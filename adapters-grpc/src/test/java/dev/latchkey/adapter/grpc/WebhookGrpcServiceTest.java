package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.UpdateWebhookCommand;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.proto.v1.BasicAuth;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.CreateWebhookResponse;
import dev.latchkey.proto.v1.GetWebhookRequest;
import dev.latchkey.proto.v1.UpdateWebhookRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookHeader;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import com.google.protobuf.FieldMask;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookGrpcServiceTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final Principal.TenantPrincipal holder = TestValues.member(TestValues.tenantId(), PermissionSet.all());
  private final WebhookServiceGrpc.WebhookServiceBlockingStub webhooks;

  WebhookGrpcServiceTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, holder);
    webhooks = WebhookServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void writeOnlyValuesNeverComeBackOnlyThatTheyAreSet() {
    Webhook got = webhooks.getWebhook(GetWebhookRequest.newBuilder().setName("webhooks/" + UUID.randomUUID()).build());

    assertThat(got.getBasicAuth().getUsername()).isEqualTo("hooks");
    assertThat(got.getBasicAuth().getPassword()).isEmpty();
    assertThat(got.getBasicAuth().getPasswordSet()).isTrue();
    assertThat(got.getHeadersList()).extracting(WebhookHeader::getName, WebhookHeader::getValue,
        WebhookHeader::getHidden).containsExactly(
            org.assertj.core.groups.Tuple.tuple("X-Api-Key", "", true),
            org.assertj.core.groups.Tuple.tuple("X-Team", "blue", false));
    assertThat(got.toString()).doesNotContain("s3cret-password").doesNotContain("hidden-value");
  }

  @Test
  void createWebhookPassesTheFieldsOnAndReturnsTheSecretOnce() {
    CreateWebhookResponse created = webhooks.createWebhook(CreateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setDisplayName("Ticket sync").setUrl("https://hooks.example.com:8443/in")
            .addEventTypes("tickets.created").addEventTypes("api_token.deleted")
            .setBasicAuth(BasicAuth.newBuilder().setUsername("u").setPassword("p"))
            .addHeaders(WebhookHeader.newBuilder().setName("X-Secret").setValue("v").setHidden(true)))
        .build());

    assertThat(created.getSigningSecret()).startsWith("whsec_");
    assertThat(useCases.webhookRequests).singleElement().isInstanceOfSatisfying(CreateWebhookCommand.class, c -> {
      assertThat(c.url().host()).isEqualTo("hooks.example.com");
      assertThat(c.eventTypes()).containsExactly("tickets.created", "api_token.deleted");
      assertThat(c.basicAuth()).hasValueSatisfying(b -> assertThat(b.password()).isEqualTo("p"));
      assertThat(c.headers()).singleElement().satisfies(h -> assertThat(h.hidden()).isTrue());
    });
  }

  @Test
  void createWebhookWithEveryFieldWrongListsEachAndNeverCallsTheUseCase() {
    var request = CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
        .setName("webhooks/x")
        .setDisplayName("")
        .setUrl("ftp://hooks.example.com/")
        .setBasicAuth(BasicAuth.newBuilder().setUsername("a:b").setPassword("p"))
        .addHeaders(WebhookHeader.newBuilder().setName("X-Key").setHidden(true))
        .addHeaders(WebhookHeader.newBuilder().setName("Authorization").setValue("Bearer x"))
        .addHeaders(WebhookHeader.newBuilder().setName("x-key").setValue("again")))
        .build();

    assertThat(BadFields.of(() -> webhooks.createWebhook(request))).containsExactlyInAnyOrder(
        "webhook.name", "webhook.display_name", "webhook.url", "webhook.event_types", "webhook.basic_auth",
        "webhook.headers[0].value", "webhook.headers[1]", "webhook.headers[2].name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void tooManyHeadersAreRefusedBeforeAnyIsLookedAt() {
    Webhook.Builder webhook = Webhook.newBuilder().setDisplayName("Hook").setUrl("https://hooks.example.com/")
        .addEventTypes("tickets.created");
    for (int i = 0; i < 10_000; i++) {
      webhook.addHeaders(WebhookHeader.newBuilder().setName("X-" + i).setValue("v"));
    }

    assertThat(BadFields.of(() -> webhooks.createWebhook(CreateWebhookRequest.newBuilder().setWebhook(webhook).build())))
        .containsExactly("webhook.headers");
  }

  @Test
  void updateKeepsAnEmptyHiddenValueAsKeepTheStoredOne() {
    webhooks.updateWebhook(UpdateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setName("webhooks/" + UUID.randomUUID())
            .addHeaders(WebhookHeader.newBuilder().setName("X-Api-Key").setHidden(true)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("headers"))
        .build());

    assertThat(useCases.webhookRequests).singleElement().isInstanceOfSatisfying(UpdateWebhookCommand.class, c ->
        assertThat(c.headers()).hasValueSatisfying(h -> assertThat(h).singleElement().satisfies(input -> {
          assertThat(input.hidden()).isTrue();
          assertThat(input.value()).isEmpty();
        })));
  }
}
