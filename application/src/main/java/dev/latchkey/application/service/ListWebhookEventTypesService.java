package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListWebhookEventTypesQuery;
import dev.latchkey.application.port.in.ListWebhookEventTypesUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.permission.WebhookEventTypes;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.List;

/** The catalog of event types. */
public final class ListWebhookEventTypesService
    extends AccountHolderService<ListWebhookEventTypesQuery, List<WebhookEventTypes.EventType>>
    implements ListWebhookEventTypesUseCase {
  @Inject
  public ListWebhookEventTypesService(UserRepository users) {
    super(users);
  }

  @Override
  protected List<WebhookEventTypes.EventType> handleForAccountHolder(
      Principal.TenantPrincipal caller, ListWebhookEventTypesQuery query) {
    return WebhookEventTypes.all();
  }
}
