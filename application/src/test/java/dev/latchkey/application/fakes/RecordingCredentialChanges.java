package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.CredentialChanges;
import dev.latchkey.domain.tenant.TenantId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the tenants whose credential changes were announced, in order. Like PostgreSQL NOTIFY,
 * an announcement made in a transaction that rolls back is gone: register it with {@link
 * FakeTransactions}.
 */
public final class RecordingCredentialChanges implements CredentialChanges, Snapshottable {
  private final List<TenantId> announced = new CopyOnWriteArrayList<>();

  @Override
  public void announce(TenantId tenant) {
    announced.add(tenant);
  }

  public List<TenantId> announced() {
    return List.copyOf(announced);
  }

  @Override
  public Runnable snapshot() {
    int size = announced.size();
    return () -> {
      while (announced.size() > size) {
        announced.removeLast();
      }
    };
  }
}
