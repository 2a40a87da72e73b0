package dev.latchkey.application.port.in;

import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * Creates a private app, with explicit grants or a copy of an app's or a role's.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for grants beyond the caller's, or
 * copying from a source the caller may not read.
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if the source does not exist.
 */
public interface CreatePrivateAppUseCase extends UseCase<CreatePrivateAppCommand, PrivateApp> {}
