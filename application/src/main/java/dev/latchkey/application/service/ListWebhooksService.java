package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListWebhooksQuery;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.Webhook;
import jakarta.inject.Inject;

/** The tenant's webhooks, newest first. */
public final class ListWebhooksService extends AccountHolderService<ListWebhooksQuery, Page<Webhook>>
    implements ListWebhooksUseCase {
  private static final String SCOPE = "webhooks";
  private final WebhookRepository webhooks;

  @Inject
  public ListWebhooksService(UserRepository users, WebhookRepository webhooks) {
    super(users);
    this.webhooks = webhooks;
  }

  @Override
  protected Page<Webhook> handleForAccountHolder(Principal.TenantPrincipal caller, ListWebhooksQuery query) {
    return Paging.withPageToken(SCOPE,
        webhooks.list(caller.tenantId(), Paging.uuidCursorRequest(SCOPE, query.page())));
  }
}
