package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.webhook.DeliveryAttempt;

/**
 * A webhook's delivery attempts, newest first, kept 30 days.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a webhook that is not there.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface ListWebhookDeliveriesUseCase extends UseCase<ListWebhookDeliveriesQuery, Page<DeliveryAttempt>> {}
