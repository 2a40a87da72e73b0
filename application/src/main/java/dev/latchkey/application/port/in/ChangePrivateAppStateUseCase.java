package dev.latchkey.application.port.in;

import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * Enables or disables an app (a no-op if it is so already). Its tokens stop or work again on
 * the next call.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} to re-enable an app with grants
 * beyond the caller's.
 */
public interface ChangePrivateAppStateUseCase extends UseCase<ChangePrivateAppStateCommand, PrivateApp> {}
