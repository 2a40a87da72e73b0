package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tenants in memory. Lists newest first by id (ids are time-ordered UUIDs, compared as unsigned
 * bytes the way PostgreSQL orders {@code uuid}); the cursor is the last listed tenant's id.
 */
public final class InMemoryTenantRepository implements TenantRepository, Snapshottable {
  static final Comparator<UUID> UNSIGNED = (a, b) -> {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  private final TreeMap<UUID, Tenant> tenants = new TreeMap<>(UNSIGNED.reversed());
  private final Faults faults = new Faults();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(Tenant tenant) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (tenants.containsKey(tenant.id().value())) {
      throw new IllegalStateException("duplicate tenant id " + tenant.id());
    }
    tenants.put(tenant.id().value(), tenant);
  }

  @Override
  public synchronized Optional<Tenant> findById(TenantId id) {
    calls.incrementAndGet();
    return Optional.ofNullable(tenants.get(id.value()));
  }

  @Override
  public synchronized Page<Tenant> list(PageRequest request) {
    calls.incrementAndGet();
    Map<UUID, Tenant> after = request.cursor()
        .map(cursor -> (Map<UUID, Tenant>) tenants.tailMap(UUID.fromString(cursor), false))
        .orElse(tenants);
    List<Tenant> items = new ArrayList<>();
    for (Tenant tenant : after.values()) {
      if (items.size() == request.size()) {
        return new Page<>(items, Optional.of(items.getLast().id().toString()));
      }
      items.add(tenant);
    }
    return new Page<>(items, Optional.empty());
  }

  /** Makes the next {@link #insert} throw {@code failure}, once. */
  public void failNextInsert(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Every stored tenant, newest first. */
  public synchronized List<Tenant> all() {
    return List.copyOf(tenants.values());
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    TreeMap<UUID, Tenant> copy = new TreeMap<>(tenants);
    return () -> {
      synchronized (this) {
        tenants.clear();
        tenants.putAll(copy);
      }
    };
  }
}
