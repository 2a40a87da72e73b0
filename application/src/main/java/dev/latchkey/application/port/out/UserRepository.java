package dev.latchkey.application.port.out;

import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import java.util.Optional;

/** Stored team members, always looked up within their tenant. */
public interface UserRepository {
  /**
   * Stores a new user.
   *
   * @throws dev.latchkey.domain.error.AlreadyExistsException if the tenant has a user with the same
   *     email, compared case-insensitively
   */
  void insert(User user);

  Optional<User> findById(TenantId tenantId, UserId id);
}
