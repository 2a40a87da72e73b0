package dev.latchkey.app.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.SchemaMigrations;
import dev.latchkey.app.config.ConfigException;
import dev.latchkey.app.config.DataDirectory;
import dev.latchkey.app.config.SecretFiles;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.crypto.Pepper;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.app.wiring.WebhookSettings;
import dev.latchkey.app.crypto.SecureRandomSecretGenerator;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.app.wiring.DaggerLatchkeyComponent;
import dev.latchkey.app.wiring.LatchkeyComponent;
import dev.latchkey.application.lifecycle.Workers;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Latchkey: database, wiring and the gRPC server over Netty. */
public final class LatchkeyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LatchkeyServer.class);

  static final int MAX_INBOUND_MESSAGE_BYTES = 4 << 20;
  static final int MAX_INBOUND_METADATA_BYTES = 16 << 10;
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  /**
   * PostgreSQL keeps microseconds: a clock at that precision makes what a create call returns
   * identical to what a later read returns.
   */
  static final InstantSource DATABASE_PRECISION_CLOCK =
      () -> java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

  private final List<AutoCloseable> resources;
  private final Server server;
  private final HealthStatusManager health;
  private final ExecutorService executor;

  private LatchkeyServer(
      List<AutoCloseable> resources, Server server, HealthStatusManager health, ExecutorService executor) {
    this.resources = resources;
    this.server = server;
    this.health = health;
    this.executor = executor;
  }

  /**
   * Starts everything {@code config} asks for and returns once the server listens.
   *
   * @throws ConfigException for bad configuration, an unreachable database or a port in use
   */
  public static LatchkeyServer start(ServerConfig config) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      if (config.usesDataDir()) {
        DataDirectory.prepare(config.dataDir());
      }
      // Before the database starts, so that a bad certificate fails fast.
      TlsCertificate certificate = config.tls()
          ? TlsCertificate.load(config.tlsCert().get(), config.tlsKey().get(), TlsCertificate.RELOAD_CHECK)
          : null;
      if (certificate != null) {
        resources.addFirst(certificate);
      }
      SecureRandom random = new SecureRandom();
      Peppers pepper = loadPepper(config, random);
      TokenSecret operatorToken = loadOperatorToken(config, random);
      WebhookKeys webhookKeys = loadWebhookKeys(config, random);
      if (config.allowPrivateWebhookTargets()) {
        log.warn("--allow-private-webhook-targets: webhooks may reach loopback, private and link-local addresses; "
            + "for local development and tests only");
      }

      String jdbcUrl;
      HikariDataSource dataSource;
      if (config.databaseUrl().isPresent()) {
        jdbcUrl = config.databaseUrl().get();
        dataSource = PostgresDataSources.create(jdbcUrl, null, null, 16);
      } else {
        EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir());
        resources.addFirst(embedded);
        log.info("embedded PostgreSQL on localhost:{} with its data in {}; the server logs in as {} with the "
            + "password in {}", embedded.port(), config.dataDir().resolve("postgres"), EmbeddedDatabase.ROLE,
            config.dataDir().resolve(EmbeddedDatabase.PASSWORD_FILE));
        jdbcUrl = embedded.jdbcUrl();
        dataSource = PostgresDataSources.create(jdbcUrl, EmbeddedDatabase.ROLE, embedded.password(), 16);
      }
      resources.addFirst(dataSource);
      migrate(dataSource, jdbcUrl);

      RateLimiting rateLimiting = config.redisUrl()
          .map(url -> RateLimiting.throughRedis(url, config.redisKeyPrefix(), DATABASE_PRECISION_CLOCK))
          .orElseGet(() -> RateLimiting.inProcess(DATABASE_PRECISION_CLOCK));
      LatchkeyComponent component = DaggerLatchkeyComponent.factory().create(dataSource, pepper, operatorToken,
          DATABASE_PRECISION_CLOCK, config.defaultRateLimit(), rateLimiting, webhookKeys,
          new WebhookSettings(config.allowPrivateWebhookTargets(), config.webhookRetries()));
      HealthStatusManager health = component.health();
      // Stopped in reverse order after the server has drained, before the pool closes: every queued
      // request-log entry and last-use time is written (see WorkerModule for the order).
      Workers workers = new Workers(component.workers());
      workers.start();
      resources.addFirst(workers);

      ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-", 0).factory());
      InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
      NettyServerBuilder builder = certificate == null
          ? NettyServerBuilder.forAddress(address)
          : NettyServerBuilder.forAddress(address, certificate.credentials());
      builder
          .executor(executor)
          .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
          .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
          .maxConcurrentCallsPerConnection(1000)
          .handshakeTimeout(10, TimeUnit.SECONDS)
          .keepAliveTime(2, TimeUnit.MINUTES)
          .keepAliveTimeout(20, TimeUnit.SECONDS)
          .permitKeepAliveTime(20, TimeUnit.SECONDS)
          .maxConnectionIdle(30, TimeUnit.MINUTES)
          .addService(health.getHealthService())
          .addService(ProtoReflectionServiceV1.newInstance());
      for (BindableService service : component.services()) {
        builder.addService(service);
      }
      // ServerBuilder.intercept() runs the last-added interceptor first: add them in reverse.
      for (ServerInterceptor interceptor : component.interceptors().reversed()) {
        builder.intercept(interceptor);
      }
      Server server = builder.build();
      try {
        server.start();
      } catch (IOException e) {
        executor.shutdownNow();
        if (isAddressInUse(e)) {
          throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": address in use", e);
        }
        throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
      }
      log.info("listening on {}:{}", config.host(), server.getPort());
      return new LatchkeyServer(resources, server, health, executor);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  public int port() {
    return server.getPort();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Graceful stop: health goes {@code NOT_SERVING}, no new calls are accepted, calls in flight
   * finish (up to {@link #DRAIN_TIMEOUT}), then the workers stop in reverse order and the database
   * is released.
   */
  @Override
  public void close() {
    log.info("shutting down: draining calls in flight");
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("calls still running after {}s; cancelling them", DRAIN_TIMEOUT.toSeconds());
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor.shutdown();
    closeAll(resources);
    log.info("stopped");
  }

  private static void migrate(HikariDataSource dataSource, String jdbcUrl) {
    try {
      int applied = SchemaMigrations.migrate(dataSource);
      if (applied > 0) {
        log.info("applied {} database migration(s)", applied);
      }
    } catch (FlywayException e) {
      throw new ConfigException("cannot reach or migrate the database at " + ServerConfig.redactUrl(jdbcUrl)
          + ": " + rootMessage(e), e);
    }
  }

  private static Peppers loadPepper(ServerConfig config, SecureRandom random) {
    if (config.pepper().isPresent()) {
      return Peppers.parse(config.pepper().get(), "LATCHKEY_PEPPER");
    }
    var file = config.effectivePepperFile();
    if (config.pepperFile().isPresent() && !java.nio.file.Files.exists(file)) {
      throw new ConfigException("the pepper file " + file + " does not exist");
    }
    boolean existed = java.nio.file.Files.exists(file);
    Peppers pepper = Peppers.parse(SecretFiles.readOrCreate(file, () -> Pepper.generate(random), "pepper"), file.toString());
    if (!existed) {
      log.info("generated a token pepper into {} (mode 0600); keep it: tokens cannot be checked without it", file);
    }
    return pepper;
  }

  private static WebhookKeys loadWebhookKeys(ServerConfig config, SecureRandom random) {
    if (config.webhookKey().isPresent()) {
      return WebhookKeys.parse(config.webhookKey().get(), "LATCHKEY_WEBHOOK_KEY");
    }
    var file = config.effectiveWebhookKeyFile();
    if (config.webhookKeyFile().isPresent() && !java.nio.file.Files.exists(file)) {
      throw new ConfigException("the webhook key file " + file + " does not exist");
    }
    boolean existed = java.nio.file.Files.exists(file);
    WebhookKeys keys = WebhookKeys.parse(
        SecretFiles.readOrCreate(file, () -> WebhookKeys.generate(random), "webhook key"), file.toString());
    if (!existed) {
      log.info("generated a webhook encryption key into {} (mode 0600); keep it: stored webhook passwords, hidden "
          + "headers and signing secrets cannot be read without it", file);
    }
    return keys;
  }

  private static TokenSecret loadOperatorToken(ServerConfig config, SecureRandom random) {
    var file = config.effectiveOperatorTokenFile();
    boolean existed = java.nio.file.Files.exists(file);
    String text = SecretFiles.readOrCreate(file,
        () -> new SecureRandomSecretGenerator(random).newToken(TokenKind.OPERATOR).reveal(), "operator token");
    TokenSecret token = TokenSecret.parse(text)
        .filter(t -> t.kind() == TokenKind.OPERATOR)
        .orElseThrow(() -> new ConfigException("the operator token file " + file
            + " does not hold a valid lko_ token (delete it to have one generated)"));
    log.info(existed ? "operator token read from {}" : "generated an operator token into {} (mode 0600)", file);
    return token;
  }

  /** Netty's native transport reports a taken port with its own exception type, not BindException. */
  private static boolean isAddressInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("address already in use"))) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("ReferenceEquality") // a cause that is its own cause ends the walk
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("error while closing {}", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
