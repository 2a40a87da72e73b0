package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.paging.PageTokens;
import dev.latchkey.application.port.in.ListActivitiesQuery;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/** The tenant's user activities, newest first, filtered and paged. */
public final class ListActivitiesService extends InTenantService<ListActivitiesQuery, Page<Activity>>
    implements ListActivitiesUseCase {
  private final AnalyticsStore store;

  @Inject
  public ListActivitiesService(AnalyticsStore store) {
    this.store = store;
  }

  @Override
  protected Page<Activity> handle(Principal.TenantPrincipal caller, ListActivitiesQuery query) {
    // The filter is part of the scope (as a hash, to keep tokens short): a token of one listing is
    // refused by another.
    AnalyticsStore.ActivityFilter f = query.filter();
    String scope = "activities/" + Integer.toHexString(java.util.Objects.hash(f.endUserExternalId(),
        f.companyExternalId(), f.action(), f.from(), f.to()));
    PageRequest request = PageTokens.request(scope, query.page().pageSize(), query.page().pageToken());
    return Paging.withPageToken(scope, store.listActivities(caller.tenantId(), f, request));
  }
}
