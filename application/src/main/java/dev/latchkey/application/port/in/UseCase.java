package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;

/**
 * One thing a caller can ask of Latchkey: every use case has this shape, a {@code XUseCase}
 * interface taking an {@code XCommand} or {@code XQuery} and implemented by an {@code XService}.
 *
 * @param <Q> the command or query
 * @param <R> what it returns
 */
@FunctionalInterface
public interface UseCase<Q extends Request, R> {
  /**
   * Runs {@code request} for {@code caller}.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException when the caller may not run
   *     {@link Request#operation()}, before anything is read or written
   */
  R execute(Principal caller, Q request);
}
