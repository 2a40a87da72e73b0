package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Roles in memory, found only within their own tenant. */
public final class InMemoryRoleRepository implements RoleRepository, Snapshottable {
  private final Map<RoleId, Role> roles = new LinkedHashMap<>();
  private final Faults faults = new Faults();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(Role role) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (roles.containsKey(role.id())) {
      throw new IllegalStateException("duplicate role id " + role.id());
    }
    roles.put(role.id(), role);
  }

  @Override
  public synchronized Optional<Role> findById(TenantId tenantId, RoleId id) {
    calls.incrementAndGet();
    return Optional.ofNullable(roles.get(id)).filter(r -> r.tenantId().equals(tenantId));
  }

  /** Makes the next {@link #insert} throw {@code failure}, once. */
  public void failNextInsert(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Every stored role, in insertion order. */
  public synchronized List<Role> all() {
    return List.copyOf(roles.values());
  }

  /** The roles of {@code tenantId}, in insertion order. */
  public synchronized List<Role> ofTenant(TenantId tenantId) {
    return roles.values().stream().filter(r -> r.tenantId().equals(tenantId)).toList();
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<RoleId, Role> copy = new LinkedHashMap<>(roles);
    return () -> {
      synchronized (this) {
        roles.clear();
        roles.putAll(copy);
      }
    };
  }
}
