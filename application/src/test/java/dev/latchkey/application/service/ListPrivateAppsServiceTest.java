package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageTokens;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.ListPrivateAppsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListPrivateAppsServiceTest {
  private static final Optional<PrivateAppState> ANY = Optional.empty();
  private static final Optional<PrivateAppState> DISABLED = Optional.of(PrivateAppState.DISABLED);
  private static final Optional<PrivateAppState> ENABLED = Optional.of(PrivateAppState.ENABLED);

  private final InMemoryPorts ports = new InMemoryPorts();
  private final ListPrivateAppsService service = ports.listPrivateAppsService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal reader = ports.signInAs(
      tenant, ports.storeMember(tenant, PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)), true).ref());

  @Test
  void appsComeNewestFirstInPagesLinkedByOpaquePageTokens() {
    List<PrivateApp> apps = storeApps(5);

    Page<PrivateApp> first = service.execute(reader, new ListPrivateAppsQuery(new PageQuery(2, ""), ANY));
    Page<PrivateApp> second = service.execute(reader, new ListPrivateAppsQuery(new PageQuery(2, first.nextCursor().orElseThrow()), ANY));
    Page<PrivateApp> third = service.execute(reader, new ListPrivateAppsQuery(new PageQuery(2, second.nextCursor().orElseThrow()), ANY));

    assertThat(first.items()).containsExactly(apps.get(4), apps.get(3));
    assertThat(first.nextCursor().orElseThrow()).doesNotContain(apps.get(3).id().toString());
    assertThat(second.items()).containsExactly(apps.get(2), apps.get(1));
    assertThat(third.items()).containsExactly(apps.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void theStateFilterKeepsOnlyAppsInThatState() {
    List<PrivateApp> apps = storeApps(4);
    PrivateApp disabled1 = disable(apps.get(1));
    PrivateApp disabled3 = disable(apps.get(3));

    Page<PrivateApp> firstDisabled = service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, ""), DISABLED));
    Page<PrivateApp> secondDisabled =
        service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, firstDisabled.nextCursor().orElseThrow()), DISABLED));

    assertThat(firstDisabled.items()).containsExactly(disabled3);
    assertThat(secondDisabled.items()).containsExactly(disabled1);
    assertThat(secondDisabled.nextCursor()).isEmpty();
    assertThat(service.execute(reader, new ListPrivateAppsQuery(new PageQuery(10, ""), ENABLED)).items()).containsExactly(apps.get(2), apps.get(0));
    assertThat(service.execute(reader, new ListPrivateAppsQuery(new PageQuery(10, ""), ANY)).items()).hasSize(4);
  }

  @Test
  void aPageTokenOfAnotherFilterIsRefused() {
    storeApps(3);
    String allToken = service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, ""), ANY)).nextCursor().orElseThrow();

    assertInvalid("page_token", () -> service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, allToken), DISABLED)));
    assertInvalid("page_token", () -> service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, allToken), ENABLED)));
    assertThat(service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, allToken), ANY)).items()).hasSize(1);
  }

  @Test
  void aPageTokenOfAnotherListingOrAForgedOneIsRefused() {
    PrivateApp app = storeApps(1).getFirst();

    assertInvalid("page_token", () -> service.execute(
        reader, new ListPrivateAppsQuery(new PageQuery(1, PageTokens.encode("tenants", Optional.of(app.id().toString()))), ANY)));
    assertInvalid("page_token", () -> service.execute(
        reader, new ListPrivateAppsQuery(new PageQuery(1, PageTokens.encode("privateApps:all", Optional.of("' or 1=1 --"))), ANY)));
    assertInvalid("page_token", () -> service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1, "garbage"), ANY)));
  }

  @Test
  void aPageSizeOutOfRangeIsRefused() {
    assertInvalid("page_size", () -> service.execute(reader, new ListPrivateAppsQuery(new PageQuery(-1, ""), ANY)));
    assertInvalid("page_size", () -> service.execute(reader, new ListPrivateAppsQuery(new PageQuery(1001, ""), ANY)));
  }

  @Test
  void onlyTheCallersTenantsLiveAppsAreListed() {
    List<PrivateApp> apps = storeApps(2);
    ports.storePrivateApp(ports.createTenant().tenant().id(), PermissionSet.none());
    ports.privateApps.delete(tenant, apps.get(0).id(), ports.clock.instant());

    assertThat(service.execute(reader, new ListPrivateAppsQuery(new PageQuery(10, ""), ANY)).items()).containsExactly(apps.get(1));
  }

  @Test
  void listingAppsNeedsReadOnPrivateApps() {
    Principal.TenantPrincipal other = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.CREATE)), true).ref());

    assertThatThrownBy(() -> service.execute(other, new ListPrivateAppsQuery(new PageQuery(10, ""), ANY)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ListPrivateAppsQuery(new PageQuery(10, ""), ANY)))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private List<PrivateApp> storeApps(int count) {
    List<PrivateApp> apps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      apps.add(ports.storePrivateApp(tenant, PermissionSet.none()));
    }
    return apps;
  }

  private PrivateApp disable(PrivateApp app) {
    PrivateApp disabled = app.disable(ports.clock.instant());
    assertThat(ports.privateApps.update(disabled)).isTrue();
    return disabled;
  }

  private static void assertInvalid(String field, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(field));
  }
}
