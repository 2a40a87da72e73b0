package dev.latchkey.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.Database;
import dev.latchkey.adapter.postgres.JooqAuditLog;
import dev.latchkey.adapter.postgres.JooqTenantRepository;
import dev.latchkey.adapter.postgres.JooqTransactions;
import dev.latchkey.adapter.postgres.JooqWebhookOutbox;
import dev.latchkey.adapter.postgres.JooqWebhookRepository;
import dev.latchkey.adapter.postgres.PostgresCredentialChanges;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.SchemaMigrations;
import dev.latchkey.app.crypto.AesGcmSecretBox;
import dev.latchkey.app.crypto.SecureRandomSigningSecretGenerator;
import dev.latchkey.app.crypto.UuidV7Generator;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.app.webhook.JdkWebhookSender;
import dev.latchkey.application.service.ChangeRecorder;
import dev.latchkey.application.service.CredentialCache;
import dev.latchkey.application.service.VersionedUpdate;
import dev.latchkey.application.service.WebhookDelivery;
import dev.latchkey.application.service.WebhookDispatcher;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.domain.webhook.SigningKeys;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliveries per second from the webhook outbox to a local receiver that answers 204 at once: the
 * real dispatcher (claim with {@code FOR UPDATE SKIP LOCKED}, signed request through the JDK client,
 * attempt logged, row deleted), one worker loop as in the server. The outbox is filled before the
 * clock starts. Target: at least 2,000 deliveries/s.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.latchkey.benchmarks.WebhookDeliveryBenchmark}
 * with {@code -Dwebhooks=N} (default 200 webhooks; each webhook's events go out one at a time, in
 * order, so parallelism comes from many webhooks), {@code -Devents=N} (default 50 events, each fanned
 * out to every webhook) and {@code -Dbatch=N} (default 200 claimed per round).
 */
public final class WebhookDeliveryBenchmark {
  private static final InstantSource CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

  private WebhookDeliveryBenchmark() {}

  public static void main(String[] args) throws IOException {
    int webhookCount = Integer.getInteger("webhooks", 200);
    int events = Integer.getInteger("events", 50);
    int batch = Integer.getInteger("batch", 200);
    AtomicLong received = new AtomicLong();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (BenchDatabase database = BenchDatabase.open("webhooks");
        HikariDataSource dataSource = PostgresDataSources.create(database.url(), null, null, 16)) {
      SchemaMigrations.migrate(dataSource);
      SecureRandom random = new SecureRandom();
      Database db = new Database(dataSource);
      JooqTransactions transactions = new JooqTransactions(db);
      UuidV7Generator ids = new UuidV7Generator(CLOCK, random);
      JooqWebhookOutbox outbox = new JooqWebhookOutbox(db);
      JooqWebhookRepository webhooks = new JooqWebhookRepository(db,
          new AesGcmSecretBox(WebhookKeys.parse(WebhookKeys.generate(random), "benchmark"), random));
      ChangeRecorder recorder = new ChangeRecorder(new JooqAuditLog(db), ids, new PostgresCredentialChanges(db),
          transactions, new CredentialCache(CLOCK), outbox);
      WebhookDispatcher dispatcher = new WebhookDispatcher(transactions, outbox, webhooks,
          new WebhookDelivery(new JdkWebhookSender(true, InetAddress::getAllByName, Duration.ofSeconds(10)), ids,
              CLOCK),
          new VersionedUpdate(transactions, recorder, CLOCK), CLOCK, RetrySchedule.STANDARD, random, ids);

      TenantId tenant = new TenantId(ids.newId());
      new JooqTenantRepository(db).insert(Tenant.create(tenant, new DisplayName("Bench"), CLOCK.instant()));
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      var secrets = new SecureRandomSigningSecretGenerator(random);
      for (int i = 0; i < webhookCount; i++) {
        Instant now = CLOCK.instant();
        webhooks.insert(new Webhook(tenant, new WebhookId(ids.newId()), new DisplayName("Bench " + i),
            new WebhookUrl(url), List.of("api_token.created"), Optional.empty(), List.of(),
            SigningKeys.of(secrets.newSigningSecret()), WebhookState.ENABLED, "", Optional.empty(), now, now,
            new Actor.UserRef(new UserId(ids.newId())), 1));
      }
      long queued = 0;
      for (int i = 0; i < events; i++) {
        int n = i;
        queued += transactions.inTransaction(() -> outbox.enqueue(tenant,
            new WebhookEvent("api_token.created", "{\"name\":\"privateApps/x/tokens/" + n + "\"}"), CLOCK.instant()));
      }
      System.out.printf(Locale.ROOT, "webhook delivery: %d webhooks x %d events = %d deliveries queued, batch %d%n",
          webhookCount, events, queued, batch);

      long start = System.nanoTime();
      long deadline = start + Duration.ofMinutes(5).toNanos();
      long attempts = 0;
      while (received.get() < queued && System.nanoTime() < deadline) {
        attempts += dispatcher.deliverDue(batch);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "delivered %d of %d in %.2f s (%d attempts): %,.0f deliveries/s "
          + "(target >= 2,000)%n", received.get(), queued, seconds, attempts, received.get() / seconds);
    } finally {
      receiver.stop(0);
    }
  }
}
