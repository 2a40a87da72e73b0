package dev.latchkey.application.port.in;

import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * Applies the present fields in one version step; unchanged when nothing changes.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.ConflictException} for a stale version.
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for grants beyond the caller's.
 */
public interface UpdatePrivateAppUseCase extends UseCase<UpdatePrivateAppCommand, PrivateApp> {}
