package dev.latchkey.application.service;

import dev.latchkey.application.port.in.TrackActivitiesCommand;
import dev.latchkey.application.port.in.TrackActivitiesUseCase;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.InstantSource;

/** Records user activities sent with a tenant's ingest token; durable once it returns. */
public final class TrackActivitiesService extends AuthorizedService<TrackActivitiesCommand, IngestOutcome>
    implements TrackActivitiesUseCase {
  private final AnalyticsStore store;
  private final Transactions transactions;
  private final InstantSource clock;

  @Inject
  public TrackActivitiesService(AnalyticsStore store, Transactions transactions, InstantSource clock) {
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  protected IngestOutcome run(Principal caller, TrackActivitiesCommand command) {
    Principal.IngestPrincipal ingest = Authorization.ingestPrincipal(caller);
    Ingestion<Activity> batch = new Ingestion<>(command.items(), command.malformed(), Activity::time, clock.instant());
    if (!batch.accepted.isEmpty()) {
      transactions.inTransaction(() -> {
        store.appendActivities(ingest.tenantId(), batch.accepted);
        return null;
      });
    }
    return batch.outcome();
  }
}
