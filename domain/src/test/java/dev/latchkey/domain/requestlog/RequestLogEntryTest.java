package dev.latchkey.domain.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestLogEntryTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001"));
  private static final Actor APP =
      new Actor.PrivateAppRef(new PrivateAppId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002")));
  private static final ApiTokenId TOKEN = new ApiTokenId(UUID.fromString("0198e6a0-0000-7000-8000-000000000003"));
  private static final Instant TIME = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void ordinaryValuesAreKeptAsTheyAre() {
    RequestLogEntry entry = entry("/latchkey.v1.AuthService/GetCallerIdentity", "ipv4:10.0.0.7:51234", "grpc-java/1.7");

    assertThat(entry.method()).isEqualTo("/latchkey.v1.AuthService/GetCallerIdentity");
    assertThat(entry.peer()).isEqualTo("ipv4:10.0.0.7:51234");
    assertThat(entry.userAgent()).isEqualTo("grpc-java/1.7");
    assertThat(entry.tokenName())
        .isEqualTo("privateApps/0198e6a0-0000-7000-8000-000000000002/tokens/0198e6a0-0000-7000-8000-000000000003");
  }

  @Test
  void longTextIsCutToTheBound() {
    RequestLogEntry entry = entry("m".repeat(10_000), "p".repeat(257), "u".repeat(RequestLogEntry.MAX_TEXT));

    assertThat(entry.method()).hasSize(RequestLogEntry.MAX_TEXT);
    assertThat(entry.peer()).hasSize(RequestLogEntry.MAX_TEXT);
    assertThat(entry.userAgent()).isEqualTo("u".repeat(RequestLogEntry.MAX_TEXT));
  }

  @Test
  void controlCharactersCannotForgeLogLines() {
    RequestLogEntry entry = entry("/m", "peer", "curl/8\r\n2026-03-01 FAKE LINE\u0000\u001B[2J\u009B");

    assertThat(entry.userAgent()).isEqualTo("curl/8??2026-03-01 FAKE LINE??[2J?");
    assertThat(entry.userAgent()).doesNotContainPattern("\\p{Cntrl}");
  }

  @Test
  void missingTextBecomesEmpty() {
    RequestLogEntry entry = entry(null, null, null);

    assertThat(entry.method()).isEmpty();
    assertThat(entry.peer()).isEmpty();
    assertThat(entry.userAgent()).isEmpty();
  }

  @Test
  void theOperatorsCallsAreNotLogged() {
    assertThatThrownBy(() -> new RequestLogEntry(
            TENANT, new Actor.Operator(), TOKEN, TIME, "/m", "OK", Duration.ofMillis(3), "peer", "agent"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final Actor USER =
      new Actor.UserRef(new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000004")));

  @Test
  void aCallOfTheOperatorActingForAUserNamesTheOperatorAsMeansAndNoToken() {
    RequestLogEntry entry = new RequestLogEntry(
        TENANT, USER, null, new Actor.Operator(), TIME, "/m", "OK", Duration.ofMillis(3), "peer", "agent");

    assertThat(entry.principal()).isEqualTo(USER);
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.tokenId()).isNull();
    assertThat(entry.tokenName()).isEmpty();
  }

  @Test
  void aCallWithTheCallersOwnTokenHasNoMeans() {
    RequestLogEntry entry = new RequestLogEntry(
        TENANT, USER, TOKEN, TIME, "/m", "OK", Duration.ofMillis(3), "peer", "agent");

    assertThat(entry.viaMeans()).isEmpty();
    assertThat(entry.tokenName()).isEqualTo(USER.resourceName() + "/tokens/" + TOKEN);
  }

  @Test
  void anEntryNamesEitherItsTokenOrItsMeansNeverBothNorNeither() {
    assertThatThrownBy(() -> new RequestLogEntry(
            TENANT, USER, TOKEN, new Actor.Operator(), TIME, "/m", "OK", Duration.ZERO, "peer", "agent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestLogEntry(
            TENANT, USER, null, null, TIME, "/m", "OK", Duration.ZERO, "peer", "agent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestLogEntry(
            TENANT, USER, null, TIME, "/m", "OK", Duration.ZERO, "peer", "agent"))
        .isInstanceOf(NullPointerException.class);
  }

  private static RequestLogEntry entry(String method, String peer, String userAgent) {
    return new RequestLogEntry(TENANT, APP, TOKEN, TIME, method, "OK", Duration.ofMillis(3), peer, userAgent);
  }
}
