package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.UserServiceGrpc;
import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ListUsersRequest.filter} as a caller may write it, through the in-process server: served
 * or INVALID_ARGUMENT, never INTERNAL. (Tries: {@code latchkey.fuzz.tries}, see the README.)
 */
class ListFilterFuzzTest {
  private static final Gen<String> TERMS = Gen.oneOf(
      Gen.uuids().map(UUID::toString).map(id -> "role = \"roles/" + id + "\""),
      Gen.unicode(0, 30).map(id -> "role = \"roles/" + id + "\""),
      Gen.pick("state = STATE_ACTIVE", "state = STATE_DEACTIVATED", "state=STATE_ACTIVE", "state = 1",
          "role = roles/x", "AND", "", " ", "\"", "role = \"\"", "(state = STATE_ACTIVE)"),
      Gen.unicode(0, 40));
  private static final Gen<String> JOINERS = Gen.pick(" AND ", " and ", "  AND\t", " OR ", " ");
  private static final Gen<String> FILTERS = Gen.oneOf(
      random -> String.join(JOINERS.next(random), TERMS.list(0, 4).next(random)),
      Gen.unicode(250, 300));

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final UserServiceGrpc.UserServiceBlockingStub users;

  ListFilterFuzzTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    users = UserServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void anyUserFilterIsServedOrRefusedAsInvalid() {
    Fuzz.forAll(FILTERS, filter -> {
      try {
        users.listUsers(ListUsersRequest.newBuilder().setFilter(filter).build());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      }
    });
  }
}
