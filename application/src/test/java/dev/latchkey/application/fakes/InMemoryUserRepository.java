package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Team members in memory, found only within their tenant. An email is unique among the tenant's live
 * users, compared case-insensitively. Deleting only marks a user (like the real table's {@code
 * delete_time}); a deleted user is never returned or counted again and its email is free. {@link
 * #update} is optimistic: it stores the user only if the stored one is live and one version older.
 * Lists oldest first by id (ids are time-ordered), with the last listed id as the cursor.
 */
public final class InMemoryUserRepository implements UserRepository, Snapshottable {
  private record Stored(User user, Instant deleteTime) {
    boolean live() {
      return deleteTime == null;
    }
  }

  private final TreeMap<UUID, Stored> users = new TreeMap<>(InMemoryTenantRepository.UNSIGNED);
  private final Faults faults = new Faults();
  private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(User user) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (users.containsKey(user.id().value())) {
      throw new IllegalStateException("duplicate user id " + user.id());
    }
    boolean emailTaken = users.values().stream()
        .filter(Stored::live)
        .map(Stored::user)
        .anyMatch(u -> u.tenantId().equals(user.tenantId())
            && u.email().normalized().equals(user.email().normalized()));
    if (emailTaken) {
      throw new AlreadyExistsException("a user with this email exists already");
    }
    users.put(user.id().value(), new Stored(user, null));
  }

  @Override
  public synchronized Optional<User> findById(TenantId tenantId, UserId id) {
    calls.incrementAndGet();
    return live(tenantId, id).map(Stored::user);
  }

  @Override
  public synchronized boolean update(User user) {
    calls.incrementAndGet();
    Runnable hook = beforeNextUpdate.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    faults.throwIfArmed();
    Optional<Stored> stored = live(user.tenantId(), user.id());
    if (stored.isEmpty() || stored.get().user().version() != user.version() - 1) {
      return false;
    }
    users.put(user.id().value(), new Stored(user, null));
    return true;
  }

  @Override
  public synchronized Page<User> list(
      TenantId tenantId, PageRequest request, Optional<RoleId> role, Optional<UserState> state) {
    calls.incrementAndGet();
    Map<UUID, Stored> after = request.cursor()
        .map(cursor -> (Map<UUID, Stored>) users.tailMap(UUID.fromString(cursor), false))
        .orElse(users);
    List<User> items = new ArrayList<>();
    for (Stored stored : after.values()) {
      User user = stored.user();
      if (!stored.live()
          || !user.tenantId().equals(tenantId)
          || role.filter(r -> !r.equals(user.roleId())).isPresent()
          || state.filter(s -> s != user.state()).isPresent()) {
        continue;
      }
      if (items.size() == request.size()) {
        return new Page<>(items, Optional.of(items.getLast().id().toString()));
      }
      items.add(user);
    }
    return new Page<>(items, Optional.empty());
  }

  @Override
  public synchronized int countWithRole(TenantId tenantId, RoleId role) {
    calls.incrementAndGet();
    return (int) users.values().stream()
        .filter(Stored::live)
        .map(Stored::user)
        .filter(u -> u.tenantId().equals(tenantId) && u.roleId().equals(role))
        .count();
  }

  @Override
  public synchronized boolean delete(TenantId tenantId, UserId id, Instant when) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    Optional<Stored> stored = live(tenantId, id);
    if (stored.isEmpty()) {
      return false;
    }
    users.put(id.value(), new Stored(stored.get().user(), when));
    return true;
  }

  /** Makes the next write ({@link #insert}, {@link #update} or {@link #delete}) throw {@code failure}, once. */
  public void failNextWrite(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Makes the next write throw {@code failure}, once (kept under its earlier name). */
  public void failNextInsert(RuntimeException failure) {
    failNextWrite(failure);
  }

  /**
   * Runs {@code change} at the start of the next {@link #update}, as if another caller changed the
   * user between the service's read and its write. The change runs inside the caller's fake
   * transaction, so if that transaction rolls back, the change is rolled back with it.
   */
  public void beforeNextUpdate(Runnable change) {
    beforeNextUpdate.set(change);
  }

  /** Every live user of every tenant, oldest first. */
  public synchronized List<User> all() {
    return users.values().stream().filter(Stored::live).map(Stored::user).toList();
  }

  /** When user {@code id} was deleted, if it was. */
  public synchronized Optional<Instant> deleteTime(UserId id) {
    return Optional.ofNullable(users.get(id.value())).map(Stored::deleteTime);
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    TreeMap<UUID, Stored> copy = new TreeMap<>(users);
    return () -> {
      synchronized (this) {
        users.clear();
        users.putAll(copy);
      }
    };
  }

  private Optional<Stored> live(TenantId tenantId, UserId id) {
    return Optional.ofNullable(users.get(id.value()))
        .filter(Stored::live)
        .filter(s -> s.user().tenantId().equals(tenantId));
  }
}
