package dev.latchkey.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.permission.WebhookEventTypes;
import dev.latchkey.domain.principal.PrivateAppId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookValuesTest {
  @Test
  void urlsMustBeHttpOrHttpsWithAHostAndNoUserInfo() {
    assertThat(new WebhookUrl("https://Hooks.Example.com:8443/in?x=1").host()).isEqualTo("hooks.example.com");
    assertThat(new WebhookUrl("http://[::1]:9000/").host()).isEqualTo("::1");
    for (String bad : new String[] {"", "ftp://example.com/", "https:///path", "https://user:pw@example.com/",
        "https://example.com/#frag", "https://exa mple.com/", "javascript:alert(1)", "https://example.com/\u00e9",
        "https://example.com/" + "a".repeat(2048)}) {
      assertThatThrownBy(() -> new WebhookUrl(bad)).as(bad).isInstanceOf(InvalidValueException.class);
    }
  }

  @Test
  void headersRefuseNamesTheDeliverySetsAndLineBreaksInValues() {
    assertThatThrownBy(() -> new WebhookHeader("Webhook-Signature", "x", false))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new WebhookHeader("X-Ok", "a\r\nInjected: yes", false))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new WebhookHeader("Bad Name", "v", false)).isInstanceOf(InvalidValueException.class);
    assertThat(new WebhookHeader("X-Key", "secret", true).toString()).doesNotContain("secret");
    assertThat(new BasicAuth("user", "pa55").toString()).doesNotContain("pa55");
  }

  @Test
  void theCatalogListsRecordEventsOfEveryBusinessModelAndTheCredentialEvents() {
    assertThat(WebhookEventTypes.isKnown("tickets.created")).isTrue();
    assertThat(WebhookEventTypes.isKnown("companies.updated")).isTrue();
    assertThat(WebhookEventTypes.isKnown("end_users.deleted")).isTrue();
    assertThat(WebhookEventTypes.isKnown("api_token.created")).isTrue();
    assertThat(WebhookEventTypes.isKnown("private_app.disabled")).isTrue();
    assertThat(WebhookEventTypes.isKnown("private_apps.created")).as("administrative models have no record events")
        .isFalse();
    assertThat(WebhookEventTypes.isKnown("webhook.test")).as("sent without subscription").isFalse();
  }

  @Test
  void everyEventTheMappingProducesIsInTheCatalog() {
    var id = new PrivateAppId(UUID.randomUUID());
    var event = WebhookEvents.of(new ChangeEvent.PrivateAppDisabled(id)).orElseThrow();

    assertThat(event.type()).isEqualTo("private_app.disabled");
    assertThat(WebhookEventTypes.isKnown(event.type())).isTrue();
    assertThat(event.dataJson()).isEqualTo("{\"name\":\"privateApps/" + id + "\"}");
    assertThat(WebhookEvents.of(new ChangeEvent.WebhookDeleted(new WebhookId(UUID.randomUUID())))).isEmpty();
  }

  @Test
  void bodiesAreJsonWithTypeTimestampAndData() {
    WebhookEvent event = new WebhookEvent("x.y", Json.object(java.util.Map.of("k", "quote \" and \\ and \n")));

    assertThat(event.body("2026-01-01T00:00:00Z")).isEqualTo(
        "{\"type\":\"x.y\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"k\":\"quote \\\" and \\\\ and \\n\"}}");
  }

  @Test
  void retriesFollowTheScheduleWithinTwentyPercentThenStop() {
    RetrySchedule schedule = RetrySchedule.STANDARD;

    assertThat(schedule.maxAttempts()).isEqualTo(8);
    assertThat(schedule.delayAfter(1, 0.5)).contains(Duration.ofSeconds(5));
    assertThat(schedule.delayAfter(1, 0.0)).contains(Duration.ofSeconds(4));
    assertThat(schedule.delayAfter(2, 0.999999).orElseThrow()).isLessThanOrEqualTo(Duration.ofMinutes(6));
    assertThat(schedule.delayAfter(7, 0.5)).contains(Duration.ofHours(10));
    assertThat(schedule.delayAfter(8, 0.5)).isEmpty();
    assertThat(schedule.scaledDown(1000).delayAfter(1, 0.5)).contains(Duration.ofMillis(5));
  }
}
