package dev.latchkey.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.latchkey.adapter.postgres.JooqWebhookOutbox;
import dev.latchkey.adapter.postgres.JooqWebhookRepository;
import dev.latchkey.app.crypto.AesGcmSecretBox;
import dev.latchkey.app.crypto.SecureRandomSigningSecretGenerator;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.app.webhook.JdkWebhookSender;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.GetWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhookEventTypesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.in.TestWebhookUseCase;
import dev.latchkey.application.port.in.UpdateWebhookUseCase;
import dev.latchkey.application.port.out.SecretBox;
import dev.latchkey.application.port.out.SigningSecretGenerator;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.application.port.out.WebhookSender;
import dev.latchkey.application.service.CreateWebhookService;
import dev.latchkey.application.service.DeleteWebhookService;
import dev.latchkey.application.service.GetWebhookService;
import dev.latchkey.application.service.ListWebhookDeliveriesService;
import dev.latchkey.application.service.ListWebhookEventTypesService;
import dev.latchkey.application.service.ListWebhooksService;
import dev.latchkey.application.service.RotateWebhookSecretService;
import dev.latchkey.application.service.TestWebhookService;
import dev.latchkey.application.service.UpdateWebhookService;
import dev.latchkey.domain.webhook.RetrySchedule;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Webhooks: their use cases, storage, encryption at rest and the HTTP sender. */
@Module
public interface WebhookModule {
  /** Each attempt's bound, connecting included. */
  Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  @Binds
  WebhookRepository webhooks(JooqWebhookRepository impl);

  @Binds
  WebhookOutbox outbox(JooqWebhookOutbox impl);

  @Provides
  @Singleton
  static SecretBox secretBox(WebhookKeys keys, SecureRandom random) {
    return new AesGcmSecretBox(keys, random);
  }

  @Provides
  @Singleton
  static SigningSecretGenerator signingSecrets(SecureRandom random) {
    return new SecureRandomSigningSecretGenerator(random);
  }

  @Provides
  @Singleton
  static WebhookSender sender(WebhookSettings settings) {
    return new JdkWebhookSender(settings.allowPrivateTargets(), InetAddress::getAllByName, DELIVERY_TIMEOUT);
  }

  @Provides
  static RetrySchedule retries(WebhookSettings settings) {
    return settings.retries();
  }

  /** Jitter of retry times: no secret, but SecureRandom is the thread-safe generator at hand. */
  @Provides
  static RandomGenerator random(SecureRandom random) {
    return random;
  }

  @Binds
  CreateWebhookUseCase create(CreateWebhookService impl);

  @Binds
  GetWebhookUseCase get(GetWebhookService impl);

  @Binds
  ListWebhooksUseCase list(ListWebhooksService impl);

  @Binds
  UpdateWebhookUseCase update(UpdateWebhookService impl);

  @Binds
  DeleteWebhookUseCase delete(DeleteWebhookService impl);

  @Binds
  TestWebhookUseCase test(TestWebhookService impl);

  @Binds
  RotateWebhookSecretUseCase rotate(RotateWebhookSecretService impl);

  @Binds
  ListWebhookDeliveriesUseCase deliveries(ListWebhookDeliveriesService impl);

  @Binds
  ListWebhookEventTypesUseCase eventTypes(ListWebhookEventTypesService impl);
}
