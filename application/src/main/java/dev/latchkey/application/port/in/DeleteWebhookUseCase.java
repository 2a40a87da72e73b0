package dev.latchkey.application.port.in;

/**
 * Deletes a webhook for good.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a webhook that is not there.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface DeleteWebhookUseCase extends UseCase<DeleteWebhookCommand, Void> {}
