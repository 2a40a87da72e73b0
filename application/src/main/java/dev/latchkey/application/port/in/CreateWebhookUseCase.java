package dev.latchkey.application.port.in;

/**
 * Creates a webhook with a new signing secret, returned this once.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.InvalidArgumentException} for an unknown event type.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface CreateWebhookUseCase extends UseCase<CreateWebhookCommand, CreatedWebhook> {}
