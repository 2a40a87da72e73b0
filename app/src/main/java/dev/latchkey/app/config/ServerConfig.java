package dev.latchkey.app.config;

import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import io.lettuce.core.RedisURI;
import dev.latchkey.domain.webhook.RetrySchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code latchkey serve} runs with. Every flag {@code --some-flag} can also be given as the
 * environment variable {@code LATCHKEY_SOME_FLAG}; a flag wins over the environment.
 *
 * @param databaseUrl absent: an embedded PostgreSQL under {@code dataDir}
 * @param operatorTokenFile absent: {@code <dataDir>/operator-token}
 * @param pepperFile absent: {@code <dataDir>/pepper} (unless the pepper is given directly)
 * @param pepper the peppers themselves ({@code LATCHKEY_PEPPER}, {@code <key id>:<base64>} each,
 *     separated by line breaks or commas, the primary first), if given
 * @param tlsCert PEM certificate chain to serve TLS with; given together with {@code tlsKey} or not at all
 * @param tlsKey PEM (PKCS #8) private key of {@code tlsCert}
 * @param defaultRateLimit each principal's budget unless the operator set another; 0 turns limits off
 * @param redisUrl {@code redis://host:port}: the budgets are shared by every instance using that
 *     Redis; absent: each instance limits alone
 * @param redisKeyPrefix put before every key the server writes in Redis, so that several deployments
 *     (or test runs) can share one Redis
 * @param webhookKeyFile absent: {@code <dataDir>/webhook-key} (unless the key is given directly)
 * @param webhookKey the keys webhook secrets are encrypted under ({@code LATCHKEY_WEBHOOK_KEY},
 *     {@code <key id>:<base64 of 32 bytes>} each, the primary first), if given
 * @param allowPrivateWebhookTargets deliver to loopback, private and link-local addresses too (local
 *     development and tests only)
 * @param webhookRetries when failed deliveries are retried; {@link RetrySchedule#STANDARD} but in tests
 */
public record ServerConfig(
    String host,
    int port,
    Optional<String> databaseUrl,
    Path dataDir,
    Optional<Path> operatorTokenFile,
    Optional<Path> pepperFile,
    Optional<String> pepper,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    RequestsPerMinute defaultRateLimit,
    Optional<String> redisUrl,
    String redisKeyPrefix,
    Optional<Path> webhookKeyFile,
    Optional<String> webhookKey,
    boolean allowPrivateWebhookTargets,
    RetrySchedule webhookRetries) {

  public static final int DEFAULT_PORT = 50051;
  /** Without TLS nothing but this machine may connect unless {@code --host} says otherwise. */
  public static final String DEFAULT_PLAINTEXT_HOST = "127.0.0.1";
  public static final String DEFAULT_TLS_HOST = "0.0.0.0";
  public static final RequestsPerMinute DEFAULT_RATE_LIMIT = new RequestsPerMinute(30);
  public static final String DEFAULT_REDIS_KEY_PREFIX = "latchkey:";

  private static final List<String> FLAGS =
      List.of("host", "port", "database-url", "data-dir", "operator-token-file", "pepper-file", "tls-cert", "tls-key",
          "default-rate-limit", "redis-url", "redis-key-prefix",
          "webhook-key-file");
  /** Flags that take no value: present means on; their environment form is {@code LATCHKEY_<FLAG>=true}. */
  private static final List<String> BOOLEAN_FLAGS = List.of("allow-private-webhook-targets");

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("--port must be between 0 and 65535, not " + port);
    }
    databaseUrl.ifPresent(url -> {
      if (!url.startsWith("jdbc:postgresql://")) {
        throw new ConfigException("--database-url must be a jdbc:postgresql:// URL");
      }
    });
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new ConfigException("--tls-cert and --tls-key go together: give both or neither");
    }
    redisUrl.ifPresent(ServerConfig::checkRedisUrl);
    if (redisKeyPrefix.isEmpty() || redisKeyPrefix.length() > 128
        || !redisKeyPrefix.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new ConfigException("--redis-key-prefix must be 1 to 128 printable ASCII characters without spaces");
    }
  }

  /** Without Redis (each instance limits alone) and with the default webhook settings. */
  public ServerConfig(String host, int port, Optional<String> databaseUrl, Path dataDir,
      Optional<Path> operatorTokenFile, Optional<Path> pepperFile, Optional<String> pepper, Optional<Path> tlsCert,
      Optional<Path> tlsKey, RequestsPerMinute defaultRateLimit) {
    this(host, port, databaseUrl, dataDir, operatorTokenFile, pepperFile, pepper, tlsCert, tlsKey, defaultRateLimit,
        Optional.empty(), DEFAULT_REDIS_KEY_PREFIX, Optional.empty(), Optional.empty(), false, RetrySchedule.STANDARD);
  }

  /** With the default webhook settings. */
  public ServerConfig(String host, int port, Optional<String> databaseUrl, Path dataDir,
      Optional<Path> operatorTokenFile, Optional<Path> pepperFile, Optional<String> pepper, Optional<Path> tlsCert,
      Optional<Path> tlsKey, RequestsPerMinute defaultRateLimit, Optional<String> redisUrl, String redisKeyPrefix) {
    this(host, port, databaseUrl, dataDir, operatorTokenFile, pepperFile, pepper, tlsCert, tlsKey, defaultRateLimit,
        redisUrl, redisKeyPrefix, Optional.empty(), Optional.empty(), false, RetrySchedule.STANDARD);
  }

  /** With the default rate limit. */
  public ServerConfig(String host, int port, Optional<String> databaseUrl, Path dataDir,
      Optional<Path> operatorTokenFile, Optional<Path> pepperFile, Optional<String> pepper, Optional<Path> tlsCert,
      Optional<Path> tlsKey) {
    this(host, port, databaseUrl, dataDir, operatorTokenFile, pepperFile, pepper, tlsCert, tlsKey, DEFAULT_RATE_LIMIT);
  }

  /** Without TLS. */
  public ServerConfig(String host, int port, Optional<String> databaseUrl, Path dataDir,
      Optional<Path> operatorTokenFile, Optional<Path> pepperFile, Optional<String> pepper) {
    this(host, port, databaseUrl, dataDir, operatorTokenFile, pepperFile, pepper, Optional.empty(), Optional.empty());
  }

  public boolean tls() {
    return tlsCert.isPresent();
  }

  public Path effectiveOperatorTokenFile() {
    return operatorTokenFile.orElse(dataDir.resolve("operator-token"));
  }

  public Path effectivePepperFile() {
    return pepperFile.orElse(dataDir.resolve("pepper"));
  }

  public Path effectiveWebhookKeyFile() {
    return webhookKeyFile.orElse(dataDir.resolve("webhook-key"));
  }

  /** Whether anything lives in {@link #dataDir}: the embedded database or a secret file by default. */
  public boolean usesDataDir() {
    return databaseUrl.isEmpty() || operatorTokenFile.isEmpty() || (pepperFile.isEmpty() && pepper.isEmpty())
        || (webhookKeyFile.isEmpty() && webhookKey.isEmpty());
  }

  /** Parses {@code serve}'s flags over the environment. */
  public static ServerConfig parse(List<String> args, Map<String, String> env) {
    java.util.HashMap<String, String> values = new java.util.HashMap<>();
    for (String flag : FLAGS) {
      String fromEnv = env.get("LATCHKEY_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (fromEnv != null && !fromEnv.isBlank()) {
        values.put(flag, fromEnv.strip());
      }
    }
    java.util.Set<String> switches = new java.util.HashSet<>();
    for (String flag : BOOLEAN_FLAGS) {
      String fromEnv = env.get("LATCHKEY_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (fromEnv != null && !fromEnv.isBlank()) {
        switch (fromEnv.strip().toLowerCase(Locale.ROOT)) {
          case "true" -> switches.add(flag);
          case "false" -> switches.remove(flag);
          default -> throw new ConfigException("LATCHKEY_" + flag.toUpperCase(Locale.ROOT).replace('-', '_')
              + " must be true or false, not '" + fromEnv.strip() + "'");
        }
      }
    }
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      if (!arg.startsWith("--")) {
        throw new ConfigException("unexpected argument '" + arg + "' (flags look like --port 50051)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (BOOLEAN_FLAGS.contains(name)) {
        if (value != null) {
          throw new ConfigException("--" + name + " takes no value");
        }
        switches.add(name);
        continue;
      }
      if (!FLAGS.contains(name)) {
        List<String> known = new ArrayList<>(FLAGS);
        known.addAll(BOOLEAN_FLAGS);
        throw new ConfigException("unknown flag --" + name + " (known: --" + String.join(", --", known) + ")");
      }
      if (value == null) {
        if (rest.isEmpty()) {
          throw new ConfigException("--" + name + " needs a value");
        }
        value = rest.removeFirst();
      }
      values.put(name, value);
    }
    String pepper = env.get("LATCHKEY_PEPPER");
    boolean tls = values.containsKey("tls-cert") || values.containsKey("tls-key");
    return new ServerConfig(
        values.getOrDefault("host", tls ? DEFAULT_TLS_HOST : DEFAULT_PLAINTEXT_HOST),
        port(values.getOrDefault("port", Integer.toString(DEFAULT_PORT))),
        Optional.ofNullable(values.get("database-url")),
        Path.of(values.getOrDefault("data-dir", "var")).toAbsolutePath().normalize(),
        Optional.ofNullable(values.get("operator-token-file")).map(p -> Path.of(p).toAbsolutePath().normalize()),
        Optional.ofNullable(values.get("pepper-file")).map(p -> Path.of(p).toAbsolutePath().normalize()),
        Optional.ofNullable(pepper).filter(p -> !p.isBlank()),
        path(values.get("tls-cert")),
        path(values.get("tls-key")),
        rateLimit(values.get("default-rate-limit")),
        Optional.ofNullable(values.get("redis-url")).map(String::strip),
        values.getOrDefault("redis-key-prefix", DEFAULT_REDIS_KEY_PREFIX),
        path(values.get("webhook-key-file")),
        Optional.ofNullable(env.get("LATCHKEY_WEBHOOK_KEY")).filter(k -> !k.isBlank()),
        switches.contains("allow-private-webhook-targets"),
        RetrySchedule.STANDARD);
  }

  private static void checkRedisUrl(String url) {
    String problem = null;
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      problem = "it must start with redis:// (or rediss:// for TLS)";
    } else {
      try {
        String host = RedisURI.create(url).getHost();
        if (host == null || host.isEmpty()) {
          problem = "it names no host";
        }
      } catch (IllegalArgumentException e) {
        // Lettuce's message may quote the URL, password and all.
        problem = "Lettuce cannot read it";
      }
    }
    if (problem != null) {
      throw new ConfigException("--redis-url must look like redis://host:port, not '" + redactUrl(url) + "': " + problem);
    }
  }

  private static Optional<Path> path(@Nullable String value) {
    return Optional.ofNullable(value).map(p -> Path.of(p).toAbsolutePath().normalize());
  }

  private static RequestsPerMinute rateLimit(@Nullable String text) {
    if (text == null) {
      return DEFAULT_RATE_LIMIT;
    }
    try {
      return new RequestsPerMinute(Long.parseLong(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--default-rate-limit must be a number of requests per minute from 0 (no limit) to "
          + "100000000, not '" + text + "'");
    }
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("--port must be a number, not '" + text + "'");
    }
  }

  @Override
  public String toString() {
    // Never print the pepper; the database URL may carry a password.
    return "ServerConfig[host=" + host + ", port=" + port + ", database=" + databaseUrl.map(ServerConfig::redactUrl)
        .orElse("embedded") + ", dataDir=" + dataDir + ", tls=" + (tls() ? "on" : "off") + ", redis="
        + redisUrl.map(ServerConfig::redactUrl).orElse("none")
        + (allowPrivateWebhookTargets ? ", private webhook targets allowed" : "") + "]";
  }

  /**
   * {@code url} without its password, for messages: the {@code password} parameter and the password
   * of {@code user:password@host}. The user info ends at the last {@code @} before the query, so a
   * password that itself holds {@code @} or {@code /} is hidden whole.
   */
  public static String redactUrl(String url) {
    String redacted = url.replaceAll("(?i)(password=)[^&]*", "$1***");
    int start = redacted.indexOf("//");
    if (start < 0) {
      return redacted;
    }
    start += 2;
    int query = redacted.indexOf('?', start);
    int at = redacted.lastIndexOf('@', query < 0 ? redacted.length() : query);
    int colon = redacted.indexOf(':', start);
    if (at < start || colon < 0 || colon > at) {
      return redacted;
    }
    return redacted.substring(0, colon + 1) + "***" + redacted.substring(at);
  }
}
