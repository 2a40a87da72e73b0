package dev.latchkey.application.port.in;

/**
 * Deletes one token; the owner's other tokens keep working.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for the account holder's tokens,
 * unless the caller is the account holder.
 */
public interface DeleteApiTokenUseCase extends UseCase<DeleteApiTokenCommand, Void> {}
