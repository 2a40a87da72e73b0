package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreatedWebhook;
import dev.latchkey.application.port.in.RotateWebhookSecretCommand;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.out.SigningSecretGenerator;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.SigningSecret;
import dev.latchkey.domain.webhook.Webhook;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/** A new signing secret; the current one keeps signing alongside it for 24 hours. */
public final class RotateWebhookSecretService extends AccountHolderService<RotateWebhookSecretCommand, CreatedWebhook>
    implements RotateWebhookSecretUseCase {
  private final WebhookRepository webhooks;
  private final SigningSecretGenerator secrets;
  private final VersionedUpdate update;

  @Inject
  public RotateWebhookSecretService(UserRepository users, WebhookRepository webhooks, SigningSecretGenerator secrets,
      VersionedUpdate update) {
    super(users);
    this.webhooks = webhooks;
    this.secrets = secrets;
    this.update = update;
  }

  @Override
  protected CreatedWebhook handleForAccountHolder(Principal.TenantPrincipal caller, RotateWebhookSecretCommand command) {
    SigningSecret next = secrets.newSigningSecret();
    Webhook rotated = update.run(caller, OptionalLong.empty(), VersionedUpdate.steps(
        () -> Webhooks.load(webhooks, caller.tenantId(), command.id()),
        (current, now) -> Optional.of(new Change<>(
            current.next(now, w -> w.withSigning(w.signing().rotate(next, now))),
            new ChangeEvent.WebhookSecretRotated(current.id()))),
        webhooks::update));
    return new CreatedWebhook(rotated, next);
  }
}
