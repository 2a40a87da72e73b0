package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageTokens;
import dev.latchkey.application.port.in.ListTenantsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListTenantsServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final ListTenantsService service = ports.listTenantsService();

  @Test
  void sevenTenantsInPagesOfThreeComeNewestFirstAsThreeThreeAndOne() {
    List<Tenant> created = createTenants(7);

    Page<Tenant> first = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, "")));
    Page<Tenant> second = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, first.nextCursor().orElseThrow())));
    Page<Tenant> third = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, second.nextCursor().orElseThrow())));

    assertThat(first.items()).containsExactly(created.get(6), created.get(5), created.get(4));
    assertThat(second.items()).containsExactly(created.get(3), created.get(2), created.get(1));
    assertThat(third.items()).containsExactly(created.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void theNextPageTokenIsOpaqueAndUrlSafe() {
    List<Tenant> created = createTenants(4);

    String token = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, ""))).nextCursor().orElseThrow();

    assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain(created.get(1).id().toString());
  }

  @Test
  void aFullLastPageHasNoNextPageToken() {
    createTenants(6);

    Page<Tenant> first = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, null)));
    Page<Tenant> second = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, first.nextCursor().orElseThrow())));

    assertThat(second.items()).hasSize(3);
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void pageSizeZeroMeansTheDefaultOfFifty() {
    createTenants(51);

    Page<Tenant> first = service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(0, "")));

    assertThat(first.items()).hasSize(50);
    assertThat(first.nextCursor()).isPresent();
  }

  @Test
  void theLargestPageSizeIsAccepted() {
    createTenants(2);

    assertThat(service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(1000, ""))).items()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -50, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void aPageSizeOutOfRangeIsAnInvalidPageSize(int pageSize) {
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(pageSize, ""))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_size"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "garbage",
    "!!!not base64!!!",
    "MQp0ZW5hbnRzCg",
    "MgpcdGVuYW50cwowMTg5MGE1ZC1hYzk2LTc3NGItYmNjZS1iMzAyMDk5YTgwNTc",
  })
  void aGarbagePageTokenIsAnInvalidPageToken(String pageToken) {
    assertInvalidPageToken(pageToken);
  }

  @Test
  void aPageTokenOfAnotherListingIsAnInvalidPageToken() {
    createTenants(4);
    String tenantCursor = ports.tenants.all().get(2).id().toString();

    assertInvalidPageToken(PageTokens.encode("users", Optional.of(tenantCursor)));
  }

  @Test
  void aForgedPageTokenWhoseCursorIsNotAnIdIsAnInvalidPageToken() {
    assertInvalidPageToken(PageTokens.encode("tenants", Optional.of("' OR 1=1 --")));
    assertInvalidPageToken(PageTokens.encode("tenants", Optional.of("01890A5D-AC96-774B-BCCE-B302099A8057")));
    assertInvalidPageToken(PageTokens.encode("tenants", Optional.of("1-1-1-1-1")));
  }

  @Test
  void aTenantPrincipalMayNotListTenants() {
    assertThatThrownBy(() -> service.execute(Fixtures.anyTenantPrincipal(), new ListTenantsQuery(new PageQuery(3, ""))))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private void assertInvalidPageToken(String pageToken) {
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ListTenantsQuery(new PageQuery(3, pageToken))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  private List<Tenant> createTenants(int count) {
    List<Tenant> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(ports.createTenant().tenant());
    }
    return created;
  }
}
