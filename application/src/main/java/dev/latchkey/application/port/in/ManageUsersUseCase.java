package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.util.Optional;

/**
 * Team members of the caller's tenant. Each method needs the matching action on {@code users}.
 * The account holder can be changed or removed by the account holder alone, and cannot be
 * deactivated or deleted while holding the title.
 */
public interface ManageUsersUseCase {
  /**
   * Adds a team member to the caller's tenant.
   *
   * @throws dev.latchkey.domain.error.AlreadyExistsException if the email is taken in the tenant
   * @throws dev.latchkey.domain.error.NotFoundException if the role does not exist
   * @throws dev.latchkey.domain.error.PermissionDeniedException for a role with grants beyond the caller's
   */
  User createUser(Principal caller, UserCommands.Create command);

  /**
   * Returns the live user with this id.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
   */
  User getUser(Principal caller, UserId id);

  /** Users oldest first, optionally filtered; the next cursor is already an opaque page token. */
  Page<User> listUsers(Principal caller, int pageSize, String pageToken, Optional<RoleId> role,
      Optional<UserState> state);

  /**
   * A role change takes effect on the user's next call.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException for the account holder (unless the
   *     caller is the account holder), or a role with grants beyond the caller's
   * @throws dev.latchkey.domain.error.ConflictException for a stale version
   */
  User updateUser(Principal caller, UserCommands.Update command);

  /**
   * Deactivates (tokens stop at once) or reactivates (they work again) a user; a no-op if already so.
   *
   * @throws dev.latchkey.domain.error.FailedPreconditionException to deactivate the account holder
   * @throws dev.latchkey.domain.error.PermissionDeniedException for the account holder, by anyone else
   */
  User changeState(Principal caller, UserId id, UserState state);

  /**
   * Deletes a user and its tokens for good.
   *
   * @throws dev.latchkey.domain.error.FailedPreconditionException for the account holder itself
   * @throws dev.latchkey.domain.error.PermissionDeniedException for the account holder, by anyone else
   */
  void deleteUser(Principal caller, UserId id);

  /**
   * Moves the account-holder title from the caller to the active user {@code to}.
   *
   * @return the new account holder
   * @throws dev.latchkey.domain.error.PermissionDeniedException unless the caller is the account holder
   * @throws dev.latchkey.domain.error.FailedPreconditionException if {@code to} is deactivated or the caller
   */
  User transferAccountHolder(Principal caller, UserId to);
}
