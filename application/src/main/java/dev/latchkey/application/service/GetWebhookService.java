package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetWebhookQuery;
import dev.latchkey.application.port.in.GetWebhookUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.Webhook;
import jakarta.inject.Inject;

/** One webhook of the caller's tenant. */
public final class GetWebhookService extends AccountHolderService<GetWebhookQuery, Webhook>
    implements GetWebhookUseCase {
  private final WebhookRepository webhooks;

  @Inject
  public GetWebhookService(UserRepository users, WebhookRepository webhooks) {
    super(users);
    this.webhooks = webhooks;
  }

  @Override
  protected Webhook handleForAccountHolder(Principal.TenantPrincipal caller, GetWebhookQuery query) {
    return Webhooks.load(webhooks, caller.tenantId(), query.id());
  }
}
