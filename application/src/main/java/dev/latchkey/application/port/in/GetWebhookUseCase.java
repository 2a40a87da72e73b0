package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.Webhook;

/**
 * The webhook (write-only values are not part of what the adapter returns).
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a webhook that is not there.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface GetWebhookUseCase extends UseCase<GetWebhookQuery, Webhook> {}
