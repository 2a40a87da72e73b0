package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
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
 * Roles in memory, found only within their own tenant. Deleting only marks a role (like the real
 * table's {@code delete_time}); a deleted role is never returned again. {@link #update} is
 * optimistic: it stores the role only if the stored one is live and one version older. Lists oldest
 * first by id (ids are time-ordered), with the last listed id as the cursor.
 */
public final class InMemoryRoleRepository implements RoleRepository, Snapshottable {
  private record Stored(Role role, Instant deleteTime) {
    boolean live() {
      return deleteTime == null;
    }
  }

  private final TreeMap<UUID, Stored> roles = new TreeMap<>(InMemoryTenantRepository.UNSIGNED);
  private final Faults faults = new Faults();
  private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(Role role) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (roles.containsKey(role.id().value())) {
      throw new IllegalStateException("duplicate role id " + role.id());
    }
    roles.put(role.id().value(), new Stored(role, null));
  }

  @Override
  public synchronized Optional<Role> findById(TenantId tenantId, RoleId id) {
    calls.incrementAndGet();
    return live(tenantId, id).map(Stored::role);
  }

  @Override
  public synchronized boolean update(Role role) {
    calls.incrementAndGet();
    Runnable hook = beforeNextUpdate.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    faults.throwIfArmed();
    Optional<Stored> stored = live(role.tenantId(), role.id());
    if (stored.isEmpty() || stored.get().role().version() != role.version() - 1) {
      return false;
    }
    roles.put(role.id().value(), new Stored(role, null));
    return true;
  }

  @Override
  public synchronized Page<Role> list(TenantId tenantId, PageRequest request) {
    calls.incrementAndGet();
    Map<UUID, Stored> after = request.cursor()
        .map(cursor -> (Map<UUID, Stored>) roles.tailMap(UUID.fromString(cursor), false))
        .orElse(roles);
    List<Role> items = new ArrayList<>();
    for (Stored stored : after.values()) {
      if (!stored.live() || !stored.role().tenantId().equals(tenantId)) {
        continue;
      }
      if (items.size() == request.size()) {
        return new Page<>(items, Optional.of(items.getLast().id().toString()));
      }
      items.add(stored.role());
    }
    return new Page<>(items, Optional.empty());
  }

  @Override
  public synchronized boolean delete(TenantId tenantId, RoleId id, Instant when) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    Optional<Stored> stored = live(tenantId, id);
    if (stored.isEmpty()) {
      return false;
    }
    roles.put(id.value(), new Stored(stored.get().role(), when));
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
   * role between the service's read and its write. The change runs inside the caller's fake
   * transaction, so if that transaction rolls back, the change is rolled back with it.
   */
  public void beforeNextUpdate(Runnable change) {
    beforeNextUpdate.set(change);
  }

  /** Every live role of every tenant, oldest first. */
  public synchronized List<Role> all() {
    return roles.values().stream().filter(Stored::live).map(Stored::role).toList();
  }

  /** The live roles of {@code tenantId}, oldest first. */
  public synchronized List<Role> ofTenant(TenantId tenantId) {
    return all().stream().filter(r -> r.tenantId().equals(tenantId)).toList();
  }

  /** When role {@code id} was deleted, if it was. */
  public synchronized Optional<Instant> deleteTime(RoleId id) {
    return Optional.ofNullable(roles.get(id.value())).map(Stored::deleteTime);
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    TreeMap<UUID, Stored> copy = new TreeMap<>(roles);
    return () -> {
      synchronized (this) {
        roles.clear();
        roles.putAll(copy);
      }
    };
  }

  private Optional<Stored> live(TenantId tenantId, RoleId id) {
    return Optional.ofNullable(roles.get(id.value()))
        .filter(Stored::live)
        .filter(s -> s.role().tenantId().equals(tenantId));
  }
}
