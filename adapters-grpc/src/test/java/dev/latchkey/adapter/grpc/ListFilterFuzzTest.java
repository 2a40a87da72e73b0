package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * {@code ListUsersRequest.filter} as a caller may write it, through the in-process server: served
 * or INVALID_ARGUMENT, never INTERNAL. (Tries: {@code jqwik.tries.default}, see the README.)
 */
class ListFilterFuzzTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final UserServiceGrpc.UserServiceBlockingStub users;

  ListFilterFuzzTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    users = UserServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterProperty
  void stop() throws InterruptedException {
    api.close();
  }

  @Property
  void anyUserFilterIsServedOrRefusedAsInvalid(@ForAll("filters") String filter) {
    try {
      users.listUsers(ListUsersRequest.newBuilder().setFilter(filter).build());
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isIn(Set.of(Status.Code.INVALID_ARGUMENT));
    }
  }

  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> uuid = Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
    Arbitrary<String> term = Arbitraries.oneOf(
        uuid.map(id -> "role = \"roles/" + id + "\""),
        Arbitraries.strings().ofMaxLength(30).map(id -> "role = \"roles/" + id + "\""),
        Arbitraries.of("state = STATE_ACTIVE", "state = STATE_DEACTIVATED", "state=STATE_ACTIVE", "state = 1",
            "role = roles/x", "AND", "", " ", "\"", "role = \"\"", "(state = STATE_ACTIVE)"),
        Arbitraries.strings().ofMaxLength(40));
    Arbitrary<String> joiner = Arbitraries.of(" AND ", " and ", "  AND\t", " OR ", " ");
    return Arbitraries.oneOf(
        term.list().ofMaxSize(4).flatMap(terms -> joiner.map(j -> String.join(j, terms))),
        Arbitraries.strings().ofMinLength(250).ofMaxLength(300));
  }
}
