package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.Webhook;

/**
 * Applies the present changes in one version step.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.ConflictException} for a stale version, with
 * {@link dev.latchkey.domain.error.FailedPreconditionException} when the URL's host changes without the
 * Basic password and hidden header values being sent again.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface UpdateWebhookUseCase extends UseCase<UpdateWebhookCommand, Webhook> {}
