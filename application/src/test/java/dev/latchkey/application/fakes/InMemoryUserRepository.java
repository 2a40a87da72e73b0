package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Team members in memory; an email is unique within its tenant, compared case-insensitively. */
public final class InMemoryUserRepository implements UserRepository, Snapshottable {
  private final Map<UserId, User> users = new LinkedHashMap<>();
  private final Faults faults = new Faults();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(User user) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (users.containsKey(user.id())) {
      throw new IllegalStateException("duplicate user id " + user.id());
    }
    boolean emailTaken = users.values().stream()
        .anyMatch(u -> u.tenantId().equals(user.tenantId())
            && u.email().normalized().equals(user.email().normalized()));
    if (emailTaken) {
      throw new AlreadyExistsException("a user with this email exists already");
    }
    users.put(user.id(), user);
  }

  @Override
  public synchronized Optional<User> findById(TenantId tenantId, UserId id) {
    calls.incrementAndGet();
    return Optional.ofNullable(users.get(id)).filter(u -> u.tenantId().equals(tenantId));
  }

  /** Makes the next {@link #insert} throw {@code failure}, once. */
  public void failNextInsert(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Every stored user, in insertion order. */
  public synchronized List<User> all() {
    return List.copyOf(users.values());
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<UserId, User> copy = new LinkedHashMap<>(users);
    return () -> {
      synchronized (this) {
        users.clear();
        users.putAll(copy);
      }
    };
  }
}
