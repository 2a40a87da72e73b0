package dev.latchkey.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.PostgresCredentialChangeListener;
import dev.latchkey.adapter.postgres.AnalyticsPartitions;
import dev.latchkey.adapter.postgres.RequestLogPartitions;
import dev.latchkey.adapter.postgres.RequestLogWriter;
import dev.latchkey.app.crypto.Pepper;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.app.server.WebhookDispatchWorker;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.crypto.SecureRandomSecretGenerator;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.app.server.DatabaseHealth;
import dev.latchkey.app.server.TokenUsageFlusher;
import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.token.TokenKind;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class WorkerModuleTest {
  @Test
  void theServerStartsItsWorkersInTheDocumentedOrderEachOnce() {
    SecureRandom random = new SecureRandom();
    LatchkeyComponent component = DaggerLatchkeyComponent.factory().create(new PGSimpleDataSource(),
        new Peppers(Pepper.parse(Pepper.generate(random), "test"), List.of()),
        new SecureRandomSecretGenerator(random).newToken(TokenKind.OPERATOR), () -> Instant.EPOCH,
        new RequestsPerMinute(30), RateLimiting.inProcess(() -> Instant.EPOCH),
        WebhookKeys.parse(WebhookKeys.generate(random), "test"), new WebhookSettings(false, RetrySchedule.STANDARD));

    List<Worker> workers = component.workers();

    assertThat(workers).extracting(Object::getClass).containsExactly(DatabaseHealth.class,
        RequestLogPartitions.class, AnalyticsPartitions.class, RequestLogWriter.class, TokenUsageFlusher.class,
        PostgresCredentialChangeListener.class, WebhookDispatchWorker.class);
    assertThat(component.workers()).as("one instance of each per server").isEqualTo(workers);
    assertThat(workers.get(0)).isSameAs(component.workers().get(0));
  }
}
