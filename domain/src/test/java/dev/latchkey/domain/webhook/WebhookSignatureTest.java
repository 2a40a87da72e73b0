package dev.latchkey.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  /** The test vector of the Standard Webhooks specification and its reference libraries. */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String PAYLOAD = "{\"test\": 2432232314}";
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheStandardWebhooksTestVector() {
    SigningSecret secret = SigningSecret.parse(SECRET).orElseThrow();

    assertThat(WebhookSignature.sign(secret, MSG_ID, TIMESTAMP, PAYLOAD.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(EXPECTED);
  }

  @Test
  void theHmacMatchesTheJdksForShortAndLongKeys() throws Exception {
    for (int length : new int[] {1, 24, 32, 64, 65, 200}) {
      byte[] key = new byte[length];
      new java.util.Random(length).nextBytes(key);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      mac.update("abc".getBytes(StandardCharsets.UTF_8));

      assertThat(WebhookSignature.hmacSha256(key, "abc".getBytes(StandardCharsets.UTF_8), "defg".getBytes(
          StandardCharsets.UTF_8))).as("key of %d bytes", length)
          .isEqualTo(mac.doFinal("defg".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aChangedBodyIdOrTimestampChangesTheSignature() {
    SigningSecret secret = SigningSecret.parse(SECRET).orElseThrow();
    byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.sign(secret, MSG_ID, TIMESTAMP + 1, body)).isNotEqualTo(EXPECTED);
    assertThat(WebhookSignature.sign(secret, MSG_ID + "x", TIMESTAMP, body)).isNotEqualTo(EXPECTED);
    assertThat(WebhookSignature.sign(secret, MSG_ID, TIMESTAMP, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(EXPECTED);
  }

  @Test
  void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() {
    SigningSecret old = SigningSecret.parse(SECRET).orElseThrow();
    SigningSecret next = SigningSecret.of(new byte[32]);
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    SigningKeys keys = SigningKeys.of(old).rotate(next, at);
    byte[] body = PAYLOAD.getBytes(StandardCharsets.UTF_8);

    String during = WebhookSignature.header(keys.signingAt(at.plusSeconds(3600)), MSG_ID, TIMESTAMP, body);
    String after = WebhookSignature.header(keys.signingAt(at.plus(SigningKeys.OVERLAP)), MSG_ID, TIMESTAMP, body);

    assertThat(during.split(" ")).containsExactly(WebhookSignature.sign(next, MSG_ID, TIMESTAMP, body), EXPECTED);
    assertThat(after).isEqualTo(WebhookSignature.sign(next, MSG_ID, TIMESTAMP, body));
    assertThat(keys.signingAt(at)).isEqualTo(List.of(next, old));
  }

  @Test
  void secretsPrintRedactedAndRevealInTheirWhsecForm() {
    SigningSecret secret = SigningSecret.parse(SECRET).orElseThrow();

    assertThat(secret.reveal()).isEqualTo(SECRET);
    assertThat(secret.toString()).doesNotContain("MfKQ");
    assertThat(SigningSecret.parse("whsec_not base64")).isEmpty();
    assertThat(SigningSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEmpty();
  }
}
