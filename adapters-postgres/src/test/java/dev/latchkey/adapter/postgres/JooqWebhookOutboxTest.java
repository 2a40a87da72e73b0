package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.port.out.SecretBox;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.SigningKeys;
import dev.latchkey.domain.webhook.SigningSecret;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhooks and their outbox in PostgreSQL: secrets sealed at rest, fan-out, claims shared and in order. */
class JooqWebhookOutboxTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);
  private final JooqWebhookRepository webhooks = new JooqWebhookRepository(db, new TestBox());
  private final JooqWebhookOutbox outbox = new JooqWebhookOutbox(db);

  /** AES-GCM with a fixed test key: the repository's contract with any SecretBox. */
  private static final class TestBox implements SecretBox {
    private final SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
      try {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, 12, sealed.length - 12);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("does not open", e);
      }
    }
  }

  @Test
  void secretsAreStoredSealedAndReadBackWhole() {
    Webhook webhook = webhook(newTenant(), "api_token.created");
    webhooks.insert(webhook);

    Webhook read = webhooks.findById(webhook.tenantId(), webhook.id()).orElseThrow();
    List<String> stored = Sql.strings(database.dataSource(),
        "select encode(secrets, 'escape') || ' ' || array_to_string(header_values, ',') || ' '"
            + " || coalesce(basic_username, '') from webhook");

    assertThat(read.basicAuth()).contains(new BasicAuth("hook-user", "hook-password"));
    assertThat(read.headers()).containsExactlyElementsOf(webhook.headers());
    assertThat(read.signing().current()).isEqualTo(webhook.signing().current());
    assertThat(String.join("\n", stored)).doesNotContain("hook-password").doesNotContain("hidden-value")
        .contains("hook-user").contains("visible-value");
  }

  @Test
  void aSealedBlobCopiedToAnotherWebhookDoesNotOpen() {
    TenantId tenant = newTenant();
    Webhook a = webhook(tenant, "api_token.created");
    Webhook b = webhook(tenant, "api_token.created");
    webhooks.insert(a);
    webhooks.insert(b);

    Sql.execute(database.dataSource(), "update webhook set secrets = (select secrets from webhook where id = '"
        + a.id() + "') where id = '" + b.id() + "'");

    assertThatThrownBy(() -> webhooks.findById(tenant, b.id())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eventsFanOutToEnabledSubscribedWebhooksOfTheTenantOnly() {
    TenantId tenant = newTenant();
    Webhook subscribed = webhook(tenant, "api_token.created");
    Webhook other = webhook(tenant, "private_app.disabled");
    Webhook disabled = webhook(tenant, "api_token.created").withState(WebhookState.DISABLED, "");
    Webhook foreign = webhook(newTenant(), "api_token.created");
    List.of(subscribed, other, disabled, foreign).forEach(webhooks::insert);

    int queued = db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{}"), NOW));

    assertThat(queued).isEqualTo(1);
    assertThat(outbox.claim(100, NOW, Duration.ofMinutes(2))).extracting(WebhookOutbox.PendingDelivery::webhook)
        .containsExactly(subscribed.id());
  }

  @Test
  void aWebhooksEventsAreClaimedOneAtATimeInCommitOrder() {
    TenantId tenant = newTenant();
    Webhook webhook = webhook(tenant, "api_token.created");
    webhooks.insert(webhook);
    for (int i = 0; i < 3; i++) {
      int n = i;
      db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":" + n + "}"), NOW));
    }

    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<WebhookOutbox.PendingDelivery> claimed = outbox.claim(100, NOW, Duration.ofMinutes(2));
      assertThat(claimed).as("the next one waits for the one in flight").hasSize(1);
      assertThat(outbox.claim(100, NOW, Duration.ofMinutes(2))).isEmpty();
      order.add(claimed.getFirst().event().dataJson());
      outbox.finish(claimed.getFirst(), attempt(claimed.getFirst(), ""), Optional.empty());
    }

    assertThat(order).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void aFailedDeliveryWaitsForItsRetryWithoutHoldingBackLaterOnes() {
    TenantId tenant = newTenant();
    Webhook webhook = webhook(tenant, "api_token.created");
    webhooks.insert(webhook);
    db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":0}"), NOW));
    db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":1}"), NOW));

    var first = outbox.claim(100, NOW, Duration.ofMinutes(2)).getFirst();
    outbox.finish(first, attempt(first, "the receiver answered HTTP 500"), Optional.of(NOW.plusSeconds(5)));
    var next = outbox.claim(100, NOW, Duration.ofMinutes(2));
    var retried = outbox.claim(100, NOW.plusSeconds(5), Duration.ofMinutes(2));

    assertThat(next).extracting(d -> d.event().dataJson()).containsExactly("{\"n\":1}");
    assertThat(retried).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(first.id());
      assertThat(d.attempts()).isEqualTo(1);
    });
    assertThat(outbox.attempts(tenant, webhook.id(), new dev.latchkey.application.paging.PageRequest(10,
        Optional.empty())).items()).extracting(DeliveryAttempt::error)
        .containsExactly("the receiver answered HTTP 500");
  }

  @Test
  void concurrentClaimersNeverClaimTheSameDelivery() throws Exception {
    TenantId tenant = newTenant();
    List<Webhook> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Webhook webhook = webhook(tenant, "api_token.created");
      webhooks.insert(webhook);
      many.add(webhook);
    }
    db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{}"), NOW));

    List<WebhookOutbox.PendingDelivery> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        claimers.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 10; round++) {
            claimed.addAll(db.inTransaction(() -> outbox.claim(3, NOW, Duration.ofMinutes(2))));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> claimer : claimers) {
        claimer.get();
      }
    }

    assertThat(claimed).extracting(WebhookOutbox.PendingDelivery::id).doesNotHaveDuplicates().hasSize(many.size());
  }

  @Test
  void aWebhooksBacklogIsClaimedAsRunsInCommitOrderOneRunAtATime() {
    TenantId tenant = newTenant();
    Webhook a = webhook(tenant, "api_token.created");
    Webhook b = webhook(tenant, "api_token.created");
    webhooks.insert(a);
    webhooks.insert(b);
    for (int i = 0; i < 5; i++) {
      int n = i;
      db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":" + n + "}"), NOW));
    }

    List<List<WebhookOutbox.PendingDelivery>> first = outbox.claimRuns(10, 3, NOW, Duration.ofMinutes(2));
    assertThat(first).hasSize(2).allSatisfy(run -> {
      assertThat(run).extracting(WebhookOutbox.PendingDelivery::webhook).containsOnly(run.getFirst().webhook());
      assertThat(run).extracting(d -> d.event().dataJson()).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
    });
    assertThat(outbox.claimRuns(10, 3, NOW, Duration.ofMinutes(2))).as("each webhook's run is in flight").isEmpty();

    // One webhook's run is done (recorded in one go): its next run follows; the other's is still out.
    List<WebhookOutbox.PendingDelivery> done = first.getFirst();
    outbox.finishAll(done.stream().map(d -> attempt(d, "")).toList());
    List<List<WebhookOutbox.PendingDelivery>> next = outbox.claimRuns(10, 3, NOW, Duration.ofMinutes(2));

    assertThat(next).singleElement().satisfies(run -> {
      assertThat(run).extracting(WebhookOutbox.PendingDelivery::webhook).containsOnly(done.getFirst().webhook());
      assertThat(run).extracting(d -> d.event().dataJson()).containsExactly("{\"n\":3}", "{\"n\":4}");
    });
    assertThat(outbox.attempts(tenant, done.getFirst().webhook(), new dev.latchkey.application.paging.PageRequest(10,
        Optional.empty())).items()).extracting(DeliveryAttempt::deliveryId)
        .containsExactlyInAnyOrderElementsOf(done.stream().map(WebhookOutbox.PendingDelivery::id).toList());
  }

  @Test
  void successesRecordedTogetherEndTheWebhooksRunOfFailuresAndDropsDoNot() {
    TenantId tenant = newTenant();
    Webhook failing = webhook(tenant, "api_token.created");
    Webhook dropped = webhook(tenant, "api_token.created");
    webhooks.insert(failing);
    webhooks.insert(dropped);
    webhooks.noteOutcome(tenant, failing.id(), false, NOW);
    webhooks.noteOutcome(tenant, dropped.id(), false, NOW);
    db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{}"), NOW));

    for (List<WebhookOutbox.PendingDelivery> run : outbox.claimRuns(10, 5, NOW, Duration.ofMinutes(2))) {
      boolean ok = run.getFirst().webhook().equals(failing.id());
      outbox.finishAll(run.stream().map(d -> attempt(d, ok ? "" : "not sent: the webhook is disabled")).toList());
    }

    assertThat(webhooks.findById(tenant, failing.id()).orElseThrow().failingSince()).isEmpty();
    assertThat(webhooks.findById(tenant, dropped.id()).orElseThrow().failingSince()).contains(NOW);
    assertThat(outbox.claimRuns(10, 5, NOW, Duration.ofMinutes(2))).as("both done").isEmpty();
  }

  @Test
  void aRunLeavesOutRetriesNotYetDueAndStopsAtADeliveryInFlight() {
    TenantId tenant = newTenant();
    Webhook webhook = webhook(tenant, "api_token.created");
    webhooks.insert(webhook);
    for (int i = 0; i < 3; i++) {
      int n = i;
      db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":" + n + "}"), NOW));
    }
    var failed = outbox.claimRuns(10, 1, NOW, Duration.ofMinutes(2)).getFirst().getFirst();
    outbox.finish(failed, attempt(failed, "the receiver answered HTTP 500"), Optional.of(NOW.plusSeconds(5)));

    var later = outbox.claimRuns(10, 10, NOW, Duration.ofMinutes(2));
    var retried = outbox.claimRuns(10, 10, NOW.plusSeconds(5), Duration.ofMinutes(2));

    assertThat(later).singleElement().satisfies(run -> assertThat(run).extracting(d -> d.event().dataJson())
        .as("the retry waits, the later ones go").containsExactly("{\"n\":1}", "{\"n\":2}"));
    assertThat(retried).singleElement().satisfies(run -> assertThat(run).extracting(d -> d.event().dataJson())
        .as("the due retry, not what is in flight after it").containsExactly("{\"n\":0}"));
  }

  @Test
  void releasedDeliveriesAreClaimedAgainUnlessClaimedAnewMeanwhile() {
    TenantId tenant = newTenant();
    Webhook webhook = webhook(tenant, "api_token.created");
    webhooks.insert(webhook);
    for (int i = 0; i < 3; i++) {
      int n = i;
      db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":" + n + "}"), NOW));
    }
    Duration lease = Duration.ofMinutes(2);
    List<WebhookOutbox.PendingDelivery> run = outbox.claimRuns(10, 3, NOW, lease).getFirst();
    outbox.finishAll(List.of(attempt(run.getFirst(), "")));

    // A stopping worker gives back what it did not attempt: at once claimable, in order.
    outbox.release(run.subList(1, 3), NOW.plus(lease));
    List<WebhookOutbox.PendingDelivery> again = outbox.claimRuns(10, 3, NOW, lease).getFirst();
    assertThat(again).extracting(d -> d.event().dataJson()).containsExactly("{\"n\":1}", "{\"n\":2}");

    // A worker whose claim ran out cannot give back what another one claimed since.
    Instant expired = NOW.plus(lease).plusSeconds(1);
    List<WebhookOutbox.PendingDelivery> reclaimed = outbox.claimRuns(10, 3, expired, lease).getFirst();
    outbox.release(reclaimed, NOW.plus(lease));
    assertThat(outbox.claimRuns(10, 3, expired, lease)).as("still claimed by the second worker").isEmpty();
  }

  @Test
  void concurrentClaimersOfBacklogsNeverShareADeliveryAndKeepEachWebhooksOrder() throws Exception {
    TenantId tenant = newTenant();
    for (int i = 0; i < 8; i++) {
      webhooks.insert(webhook(tenant, "api_token.created"));
    }
    int events = 20;
    for (int i = 0; i < events; i++) {
      int n = i;
      db.inTransaction(() -> outbox.enqueue(tenant, new WebhookEvent("api_token.created", "{\"n\":" + n + "}"), NOW));
    }

    // Each claimer "delivers" a run by noting its events in order, then records it done; the next
    // run of a webhook can only be claimed after that.
    java.util.Map<WebhookId, List<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    List<java.util.UUID> claimed = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        claimers.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 200 && claimed.size() < 8 * events; round++) {
            for (List<WebhookOutbox.PendingDelivery> run : db.inTransaction(
                () -> outbox.claimRuns(3, 7, NOW, Duration.ofMinutes(2)))) {
              for (WebhookOutbox.PendingDelivery d : run) {
                claimed.add(d.id());
                seen.computeIfAbsent(d.webhook(), w -> Collections.synchronizedList(new ArrayList<>()))
                    .add(d.event().dataJson());
              }
              outbox.finishAll(run.stream().map(d -> attempt(d, "")).toList());
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> claimer : claimers) {
        claimer.get();
      }
    }

    List<String> inOrder = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      inOrder.add("{\"n\":" + i + "}");
    }
    assertThat(claimed).doesNotHaveDuplicates().hasSize(8 * events);
    assertThat(seen).hasSize(8).allSatisfy((webhook, order) -> assertThat(order).containsExactlyElementsOf(inOrder));
  }

  private DeliveryAttempt attempt(WebhookOutbox.PendingDelivery d, String error) {
    return new DeliveryAttempt(ids.newId(), d.tenant(), d.webhook(), d.id(), d.event().type(), d.attempts() + 1, NOW,
        Optional.of(error.isEmpty() ? 204 : 500), Duration.ofMillis(5), "", error);
  }

  private static Webhook webhook(TenantId tenant, String eventType) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new Webhook(tenant, new WebhookId(ids.newId()), new DisplayName("Hook"),
        new WebhookUrl("https://hooks.example.com/in"), List.of(eventType),
        Optional.of(new BasicAuth("hook-user", "hook-password")),
        List.of(new WebhookHeader("X-Key", "hidden-value", true), new WebhookHeader("X-Team", "visible-value", false)),
        SigningKeys.of(SigningSecret.of(key)), WebhookState.ENABLED, "", Optional.empty(), NOW, NOW,
        new Actor.UserRef(new UserId(ids.newId())), 1);
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }
}
