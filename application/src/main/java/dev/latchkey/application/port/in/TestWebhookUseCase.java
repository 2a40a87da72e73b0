package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.DeliveryAttempt;

/**
 * Sends a webhook.test event at once and returns the attempt, which is also logged.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a webhook that is not there.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface TestWebhookUseCase extends UseCase<TestWebhookCommand, DeliveryAttempt> {}
