package dev.latchkey.application.port.in;

/**
 * Replaces the signing secret; returns the new one this once. The old one signs too for 24 hours.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a webhook that is not there.
 * <p>Every webhook use case is the account holder's alone (or the operator's acting for them):
 * anyone else gets {@link dev.latchkey.domain.error.PermissionDeniedException}.
 */
public interface RotateWebhookSecretUseCase extends UseCase<RotateWebhookSecretCommand, CreatedWebhook> {}
