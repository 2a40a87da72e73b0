package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.WebhookEventTypes;
import java.util.List;

/**
 * Every event type a webhook may subscribe to.
 *
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface ListWebhookEventTypesUseCase extends UseCase<ListWebhookEventTypesQuery, List<WebhookEventTypes.EventType>> {}
