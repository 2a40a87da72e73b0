package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
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
 * Private apps in memory, found only within their tenant. Deleting only marks an app (like the real
 * table's {@code delete_time}); a deleted app is never returned again. {@link #update} is optimistic:
 * it stores the app only if the stored one is live and one version older. Lists newest first by id,
 * with the last listed id as the cursor.
 */
public final class InMemoryPrivateAppRepository implements PrivateAppRepository, Snapshottable {
  private record Stored(PrivateApp app, Instant deleteTime) {
    boolean live() {
      return deleteTime == null;
    }
  }

  private final TreeMap<UUID, Stored> apps = new TreeMap<>(InMemoryTenantRepository.UNSIGNED.reversed());
  private final Faults faults = new Faults();
  private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public synchronized void insert(PrivateApp app) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    if (apps.containsKey(app.id().value())) {
      throw new IllegalStateException("duplicate private app id " + app.id());
    }
    apps.put(app.id().value(), new Stored(app, null));
  }

  @Override
  public synchronized Optional<PrivateApp> findById(TenantId tenantId, PrivateAppId id) {
    calls.incrementAndGet();
    return live(tenantId, id).map(Stored::app);
  }

  @Override
  public synchronized boolean update(PrivateApp app) {
    calls.incrementAndGet();
    Runnable hook = beforeNextUpdate.getAndSet(null);
    if (hook != null) {
      hook.run();
    }
    faults.throwIfArmed();
    Optional<Stored> stored = live(app.tenantId(), app.id());
    if (stored.isEmpty() || stored.get().app().version() != app.version() - 1) {
      return false;
    }
    apps.put(app.id().value(), new Stored(app, null));
    return true;
  }

  @Override
  public synchronized Page<PrivateApp> list(TenantId tenantId, PageRequest request, Optional<PrivateAppState> state) {
    calls.incrementAndGet();
    Map<UUID, Stored> after = request.cursor()
        .map(cursor -> (Map<UUID, Stored>) apps.tailMap(UUID.fromString(cursor), false))
        .orElse(apps);
    List<PrivateApp> items = new ArrayList<>();
    for (Stored stored : after.values()) {
      PrivateApp app = stored.app();
      if (!stored.live() || !app.tenantId().equals(tenantId) || state.filter(s -> s != app.state()).isPresent()) {
        continue;
      }
      if (items.size() == request.size()) {
        return new Page<>(items, Optional.of(items.getLast().id().toString()));
      }
      items.add(app);
    }
    return new Page<>(items, Optional.empty());
  }

  @Override
  public synchronized boolean delete(TenantId tenantId, PrivateAppId id, Instant when) {
    calls.incrementAndGet();
    faults.throwIfArmed();
    Optional<Stored> stored = live(tenantId, id);
    if (stored.isEmpty()) {
      return false;
    }
    apps.put(id.value(), new Stored(stored.get().app(), when));
    return true;
  }

  /** Makes the next write ({@link #insert}, {@link #update} or {@link #delete}) throw {@code failure}, once. */
  public void failNextWrite(RuntimeException failure) {
    faults.arm(failure);
  }

  /**
   * Runs {@code change} at the start of the next {@link #update}, as if another caller changed the
   * app between the service's read and its write. The change runs inside the caller's fake
   * transaction, so if that transaction rolls back, the change is rolled back with it.
   */
  public void beforeNextUpdate(Runnable change) {
    beforeNextUpdate.set(change);
  }

  /** Every live app of every tenant, newest first. */
  public synchronized List<PrivateApp> all() {
    return apps.values().stream().filter(Stored::live).map(Stored::app).toList();
  }

  /** When app {@code id} was deleted, if it was. */
  public synchronized Optional<Instant> deleteTime(PrivateAppId id) {
    return Optional.ofNullable(apps.get(id.value())).map(Stored::deleteTime);
  }

  /** How many times any port method was called. */
  public int calls() {
    return calls.get();
  }

  @Override
  public synchronized Runnable snapshot() {
    TreeMap<UUID, Stored> copy = new TreeMap<>(apps);
    return () -> {
      synchronized (this) {
        apps.clear();
        apps.putAll(copy);
      }
    };
  }

  private Optional<Stored> live(TenantId tenantId, PrivateAppId id) {
    return Optional.ofNullable(apps.get(id.value()))
        .filter(Stored::live)
        .filter(s -> s.app().tenantId().equals(tenantId));
  }
}
