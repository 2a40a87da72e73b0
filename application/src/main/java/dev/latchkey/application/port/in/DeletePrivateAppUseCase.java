package dev.latchkey.application.port.in;

/**
 * Deletes an app and its tokens for good.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent or deleted already.
 */
public interface DeletePrivateAppUseCase extends UseCase<DeletePrivateAppCommand, Void> {}
