package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.Optional;

/** Stored team members, always looked up within their tenant. Deleted users are never returned. */
public interface UserRepository {
  /**
   * Stores a new user.
   *
   * @throws dev.latchkey.domain.error.AlreadyExistsException if the tenant has a live user with the
   *     same email, compared case-insensitively
   */
  void insert(User user);

  Optional<User> findById(TenantId tenantId, UserId id);

  /**
   * Stores {@code user} if the stored one still has version {@code user.version() - 1}.
   *
   * @return false if the user was changed or deleted in the meantime
   */
  boolean update(User user);

  /** Users oldest first, optionally only those with {@code role} and in {@code state}. */
  Page<User> list(TenantId tenantId, PageRequest request, Optional<RoleId> role, Optional<UserState> state);

  /** How many live users hold {@code role}. */
  int countWithRole(TenantId tenantId, RoleId role);

  /**
   * Marks the user deleted at {@code when}; its email may be used again.
   *
   * @return false if there was no such live user
   */
  boolean delete(TenantId tenantId, UserId id, Instant when);
}
