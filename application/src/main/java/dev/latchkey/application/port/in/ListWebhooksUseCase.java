package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.webhook.Webhook;

/**
 * The tenant's webhooks, newest first.
 *
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface ListWebhooksUseCase extends UseCase<ListWebhooksQuery, Page<Webhook>> {}
