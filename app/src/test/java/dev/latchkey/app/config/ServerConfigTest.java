package dev.latchkey.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static ServerConfig parse(String... args) {
    return ServerConfig.parse(List.of(args), NO_ENV);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      List<String> args, Map<String, String> env) {
    return assertThatThrownBy(() -> ServerConfig.parse(args, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void withNothingGivenItListensOn50051AndRunsAnEmbeddedDatabaseUnderVar() {
    ServerConfig config = parse();

    assertThat(config.port()).isEqualTo(50051).isEqualTo(ServerConfig.DEFAULT_PORT);
    assertThat(config.databaseUrl()).isEmpty();
    assertThat(config.dataDir()).isAbsolute().isEqualTo(Path.of("var").toAbsolutePath().normalize());
    assertThat(config.effectiveOperatorTokenFile()).isEqualTo(config.dataDir().resolve("operator-token"));
    assertThat(config.effectivePepperFile()).isEqualTo(config.dataDir().resolve("pepper"));
    assertThat(config.pepper()).isEmpty();
    assertThat(config.toString()).contains("database=embedded", "port=50051");
  }

  @Test
  void withoutTlsItListensOnLoopbackOnly() {
    ServerConfig config = parse();

    assertThat(config.tls()).isFalse();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.toString()).contains("tls=off");
  }

  @Test
  void withTlsItListensOnEveryAddress() {
    ServerConfig config = parse("--tls-cert", "cert.pem", "--tls-key", "key.pem");

    assertThat(config.tls()).isTrue();
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.tlsCert()).contains(Path.of("cert.pem").toAbsolutePath());
    assertThat(config.tlsKey()).contains(Path.of("key.pem").toAbsolutePath());
    assertThat(config.toString()).contains("tls=on");
  }

  @Test
  void privateWebhookTargetsAreOffUnlessTheSwitchIsGivenWithoutAValue() {
    assertThat(parse().allowPrivateWebhookTargets()).isFalse();
    assertThat(parse("--allow-private-webhook-targets").allowPrivateWebhookTargets()).isTrue();
    assertThat(parse("--allow-private-webhook-targets", "--port", "0").port()).isZero();
    assertThat(ServerConfig.parse(List.of(), Map.of("LATCHKEY_ALLOW_PRIVATE_WEBHOOK_TARGETS", "true"))
        .allowPrivateWebhookTargets()).isTrue();
    assertThat(ServerConfig.parse(List.of(), Map.of("LATCHKEY_ALLOW_PRIVATE_WEBHOOK_TARGETS", "false"))
        .allowPrivateWebhookTargets()).isFalse();
    assertRejected(List.of("--allow-private-webhook-targets=yes"), NO_ENV).hasMessageContaining("takes no value");
    assertRejected(List.of(), Map.of("LATCHKEY_ALLOW_PRIVATE_WEBHOOK_TARGETS", "1"))
        .hasMessageContaining("true or false");
  }

  @Test
  void theWebhookKeyFileDefaultsToTheDataDirectory() {
    assertThat(parse("--data-dir", "/srv/lk").effectiveWebhookKeyFile()).isEqualTo(Path.of("/srv/lk/webhook-key"));
    assertThat(parse("--webhook-key-file", "/etc/lk/key").effectiveWebhookKeyFile())
        .isEqualTo(Path.of("/etc/lk/key"));
  }

  @Test
  void hostChoosesTheAddressWithOrWithoutTls() {
    assertThat(parse("--host", "0.0.0.0").host()).isEqualTo("0.0.0.0");
    assertThat(parse("--host", "127.0.0.1", "--tls-cert", "c", "--tls-key", "k").host()).isEqualTo("127.0.0.1");
  }

  @Test
  void theTlsFilesCanComeFromTheEnvironment() {
    ServerConfig config = ServerConfig.parse(List.of(),
        Map.of("LATCHKEY_TLS_CERT", "/etc/latchkey/cert.pem", "LATCHKEY_TLS_KEY", "/etc/latchkey/key.pem"));

    assertThat(config.tlsCert()).contains(Path.of("/etc/latchkey/cert.pem"));
    assertThat(config.tlsKey()).contains(Path.of("/etc/latchkey/key.pem"));
    assertThat(config.host()).isEqualTo("0.0.0.0");
  }

  @Test
  void aTlsCertificateWithoutItsKeyOrTheOtherWayRoundIsRejected() {
    assertRejected(List.of("--tls-cert", "cert.pem"), NO_ENV)
        .hasMessage("--tls-cert and --tls-key go together: give both or neither");
    assertRejected(List.of(), Map.of("LATCHKEY_TLS_KEY", "key.pem"))
        .hasMessage("--tls-cert and --tls-key go together: give both or neither");
  }

  @Test
  void portZeroMeansAnyFreePort() {
    assertThat(parse("--port", "0").port()).isZero();
  }

  @Test
  void aFlagMayCarryItsValueAfterAnEqualsSign() {
    assertThat(parse("--port=123").port()).isEqualTo(123);
    assertThat(parse("--database-url=jdbc:postgresql://db/x?user=a&ssl=true").databaseUrl())
        .contains("jdbc:postgresql://db/x?user=a&ssl=true");
  }

  @Test
  void everyFlagCanComeFromTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) {
    ServerConfig config = ServerConfig.parse(List.of(), Map.of(
        "LATCHKEY_PORT", "6000",
        "LATCHKEY_DATABASE_URL", "jdbc:postgresql://db.internal:5432/latchkey",
        "LATCHKEY_DATA_DIR", dir.toString(),
        "LATCHKEY_OPERATOR_TOKEN_FILE", dir.resolve("secrets/op").toString()));

    assertThat(config.port()).isEqualTo(6000);
    assertThat(config.databaseUrl()).contains("jdbc:postgresql://db.internal:5432/latchkey");
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.operatorTokenFile()).contains(dir.resolve("secrets/op"));
    assertThat(config.effectiveOperatorTokenFile()).isEqualTo(dir.resolve("secrets/op"));
  }

  @Test
  void aFlagWinsOverTheEnvironment() {
    ServerConfig config = ServerConfig.parse(
        List.of("--port", "7000", "--data-dir=/srv/flag", "--database-url", "jdbc:postgresql://flag/db"),
        Map.of("LATCHKEY_PORT", "6000", "LATCHKEY_DATA_DIR", "/srv/env",
            "LATCHKEY_DATABASE_URL", "jdbc:postgresql://env/db"));

    assertThat(config.port()).isEqualTo(7000);
    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/flag"));
    assertThat(config.databaseUrl()).contains("jdbc:postgresql://flag/db");
  }

  @Test
  void aBlankEnvironmentVariableCountsAsUnset() {
    ServerConfig config = ServerConfig.parse(List.of(), Map.of("LATCHKEY_PORT", " ", "LATCHKEY_DATABASE_URL", ""));

    assertThat(config.port()).isEqualTo(ServerConfig.DEFAULT_PORT);
    assertThat(config.databaseUrl()).isEmpty();
  }

  @Test
  void relativePathsBecomeAbsolute() {
    ServerConfig config = parse("--data-dir", "some/../data", "--operator-token-file", "op-token");

    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.operatorTokenFile()).contains(Path.of("op-token").toAbsolutePath());
  }

  @Test
  void anUnknownFlagIsRejectedByName() {
    assertRejected(List.of("--prot", "50051"), NO_ENV)
        .hasMessageStartingWith("unknown flag --prot")
        .hasMessageContaining("--port");
  }

  @Test
  void anUnknownFlagWithoutAValueIsStillReportedAsUnknown() {
    assertRejected(List.of("--verbose"), NO_ENV).hasMessageStartingWith("unknown flag --verbose");
  }

  @Test
  void aFlagWithoutItsValueIsRejected() {
    assertRejected(List.of("--port"), NO_ENV).hasMessage("--port needs a value");
    assertRejected(List.of("--port", "1", "--data-dir"), NO_ENV).hasMessage("--data-dir needs a value");
  }

  @Test
  void anArgumentThatIsNotAFlagIsRejected() {
    assertRejected(List.of("50051"), NO_ENV).hasMessageContaining("unexpected argument '50051'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "12.5", "0x50", "99999999999"})
  void aPortThatIsNotANumberIsRejected(String port) {
    assertRejected(List.of("--port", port), NO_ENV).hasMessage("--port must be a number, not '" + port + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "65536", "70000"})
  void aPortOutOfRangeIsRejected(String port) {
    assertRejected(List.of("--port=" + port), NO_ENV)
        .hasMessage("--port must be between 0 and 65535, not " + port);
  }

  @Test
  void aBadPortFromTheEnvironmentIsRejectedToo() {
    assertRejected(List.of(), Map.of("LATCHKEY_PORT", "http")).hasMessageContaining("--port must be a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgresql://db/x", "jdbc:mysql://db/x", "jdbc:postgresql:x", "", "JDBC:h2:mem:x"})
  void aDatabaseUrlThatIsNotJdbcPostgresqlIsRejected(String url) {
    assertRejected(List.of("--database-url", url), NO_ENV)
        .hasMessage("--database-url must be a jdbc:postgresql:// URL");
  }

  @Test
  void aBadDatabaseUrlFromTheEnvironmentIsRejectedWithoutEchoingIt() {
    assertRejected(List.of(), Map.of("LATCHKEY_DATABASE_URL", "mysql://root:hunter2@db/x"))
        .hasMessageContaining("--database-url")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void toStringNeverShowsADatabasePassword() {
    ServerConfig inQuery = parse("--database-url", "jdbc:postgresql://db/x?user=lk&password=hunter2&ssl=true");
    ServerConfig inUserInfo = parse("--database-url", "jdbc:postgresql://lk:hunter2@db:5432/x");

    assertThat(inQuery.toString()).doesNotContain("hunter2").contains("db/x", "user=lk", "ssl=true");
    assertThat(inUserInfo.toString()).doesNotContain("hunter2").contains("lk:***@db:5432/x");
  }

  @Test
  void toStringNeverShowsThePepper() {
    String pepper = "k1:" + "A".repeat(43) + "=";
    ServerConfig config = ServerConfig.parse(List.of(), Map.of("LATCHKEY_PEPPER", pepper));

    assertThat(config.pepper()).contains(pepper);
    assertThat(config.toString()).doesNotContain("AAAAAAAA").doesNotContain("k1:");
  }

  @Test
  void redactUrlHidesPasswordsInEveryPlaceAUrlCanHoldThem() {
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://db/x?password=x"))
        .isEqualTo("jdbc:postgresql://db/x?password=***");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://db/x?user=u&password=s3cr%40t&sslmode=require"))
        .isEqualTo("jdbc:postgresql://db/x?user=u&password=***&sslmode=require");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://db/x?PASSWORD=x&user=u"))
        .isEqualTo("jdbc:postgresql://db/x?PASSWORD=***&user=u");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://u:pw@db/x")).isEqualTo("jdbc:postgresql://u:***@db/x");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://u:pw@db:5432/x?password=pw2"))
        .isEqualTo("jdbc:postgresql://u:***@db:5432/x?password=***");
  }

  @Test
  void redactUrlHidesAPasswordThatHoldsAtSignsOrSlashes() {
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://u:p@ss@db/x")).isEqualTo("jdbc:postgresql://u:***@db/x");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://u:a/b@c@db:5432/x?ssl=true"))
        .isEqualTo("jdbc:postgresql://u:***@db:5432/x?ssl=true");
    assertThat(ServerConfig.redactUrl("jdbc:postgresql://db/x?user=a@b.example"))
        .isEqualTo("jdbc:postgresql://db/x?user=a@b.example");
  }

  @Test
  void redactUrlLeavesAUrlWithoutAPasswordAlone() {
    String url = "jdbc:postgresql://127.0.0.1:5432/latchkey?user=postgres&ssl=false";

    assertThat(ServerConfig.redactUrl(url)).isEqualTo(url);
  }

  @Test
  void eachPrincipalHasThirtyRequestsAMinuteUnlessConfiguredOtherwise() {
    assertThat(parse().defaultRateLimit().value()).isEqualTo(30);
    assertThat(parse("--default-rate-limit", "100000000").defaultRateLimit().value()).isEqualTo(100_000_000);
    assertThat(parse("--default-rate-limit=0").defaultRateLimit().isZero()).isTrue();
    assertThat(ServerConfig.parse(List.of(), Map.of("LATCHKEY_DEFAULT_RATE_LIMIT", "500")).defaultRateLimit().value())
        .isEqualTo(500);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "100000001", "30/min", ""})
  void aRateLimitOutsideZeroToAHundredMillionIsRefused(String value) {
    assertRejected(List.of("--default-rate-limit", value), NO_ENV).hasMessageContaining("--default-rate-limit");
  }

  @Test
  void withoutARedisUrlEachInstanceLimitsAloneAndWithOneTheBudgetsAreShared() {
    assertThat(parse().redisUrl()).isEmpty();
    assertThat(parse().redisKeyPrefix()).isEqualTo("latchkey:");
    assertThat(parse("--redis-url", "redis://10.0.0.7:6379").redisUrl()).contains("redis://10.0.0.7:6379");
    assertThat(ServerConfig.parse(List.of(), Map.of("LATCHKEY_REDIS_URL", "rediss://cache:6380",
        "LATCHKEY_REDIS_KEY_PREFIX", "lk-eu:")))
        .satisfies(c -> assertThat(c.redisUrl()).contains("rediss://cache:6380"))
        .satisfies(c -> assertThat(c.redisKeyPrefix()).isEqualTo("lk-eu:"));
  }

  @Test
  void theRedisPasswordNeverShowsInTheConfigurationsDescription() {
    ServerConfig config = parse("--redis-url", "redis://:s3cret@cache:6379");

    assertThat(config.toString()).contains("redis=redis://:***@cache:6379").doesNotContain("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://cache:6379", "cache:6379", "redis://", "redis-sentinel://cache:26379"})
  void aRedisUrlThatIsNotRedisHostPortIsRefused(String url) {
    assertRejected(List.of("--redis-url", url), NO_ENV).hasMessageContaining("--redis-url");
  }

  @Test
  void aRedisUrlWithAPasswordIsRefusedWithoutShowingIt() {
    assertRejected(List.of("--redis-url", "redis://:s3cret@"), NO_ENV).hasMessageNotContaining("s3cret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space:", "tab\t:", "caf\u00e9:"})
  void aRedisKeyPrefixMustBeShortPrintableAscii(String prefix) {
    assertRejected(List.of("--redis-key-prefix", prefix), NO_ENV).hasMessageContaining("--redis-key-prefix");
  }

  @Test
  void aRedisKeyPrefixOfMoreThan128CharactersIsRefused() {
    assertThat(parse("--redis-key-prefix", "x".repeat(128)).redisKeyPrefix()).hasSize(128);
    assertRejected(List.of("--redis-key-prefix", "x".repeat(129)), NO_ENV).hasMessageContaining("--redis-key-prefix");
  }

  @Test
  void theConstructorChecksWhatParseChecks() {
    assertThatThrownBy(() -> new ServerConfig("0.0.0.0", 65536, Optional.empty(), Path.of("/v"),
        Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(ConfigException.class);
  }
}
