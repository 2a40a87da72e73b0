package dev.latchkey.adapter.grpc.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.FieldMask;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Resource names, update masks, grants and etags as a caller may send them: each is read or
 * refused with INVALID_ARGUMENT and at most 20 violations, never with another exception. (Tries:
 * {@code latchkey.fuzz.tries}, see the README.)
 */
class RequestFieldsFuzzTest {
  private static final List<String> UPDATABLE = List.of("display_name", "grants", "api_access");

  private static final Gen<String> PARTS = Gen.oneOf(
      Gen.uuids().map(UUID::toString),
      Gen.unicode(0, 40),
      Gen.pick("", "/", "tokens", "users", "privateApps", "roles", "v1", "..", "%2F"));
  private static final Gen<String> COLLECTIONS = Gen.pick("privateApps/", "users/", "roles/", "tokens/", "/tokens/", "", "x/");
  private static final Gen<String> SEGMENTS = random -> COLLECTIONS.next(random) + PARTS.next(random);
  private static final Gen<String> NAMES = Gen.oneOf(
      SEGMENTS.list(0, 4).map(segments -> String.join("", segments)),
      Gen.unicode(0, 200));
  private static final Gen<String> PATHS = Gen.oneOf(
      Gen.pick("display_name", "grants", "api_access", "role", "name", "etag", "DisplayName", "grants.actions", ""),
      Gen.unicode(0, 100));
  private static final Gen<String> DATA_MODELS = Gen.oneOf(
      Gen.pick("tickets", "companies", "users", "roles", "audit_events", "", "TICKETS", "tickets "),
      Gen.unicode(0, 100));
  private static final Gen<List<Integer>> ACTIONS = Gen.oneOf(Gen.ints(-2, 6), Gen.anyInt()).list(0, 8);
  private static final Gen<Grant> GRANTS = random ->
      Grant.newBuilder().setDataModel(DATA_MODELS.next(random)).addAllActionsValue(ACTIONS.next(random)).build();

  @Test
  void anyResourceNameIsReadOrRefused() {
    Fuzz.forAll(NAMES, name -> {
      assertReadOrRefused(fields -> ResourceNames.privateApp(fields, "name", name));
      assertReadOrRefused(fields -> ResourceNames.role(fields, "name", name));
      assertReadOrRefused(fields -> ResourceNames.user(fields, "name", name));
      assertReadOrRefused(fields -> ResourceNames.principal(fields, "parent", name));
      assertReadOrRefused(fields -> ResourceNames.token(fields, "name", name));
    });
  }

  @Test
  void anyUpdateMaskYieldsOnlyUpdatableFieldsOrIsRefused() {
    Fuzz.forAll(PATHS.list(0, 40), paths -> {
      FieldMask mask = FieldMask.newBuilder().addAllPaths(paths).build();
      AtomicReference<Set<String>> read = new AtomicReference<>();

      boolean accepted = assertReadOrRefused(fields -> read.set(ProtoRequests.updateMask(fields, "update_mask", mask,
          UPDATABLE)));

      if (accepted) {
        assertThat(UPDATABLE).containsAll(read.get());
        assertThat(read.get()).hasSameSizeAs(paths);
      }
    });
  }

  @Test
  void anyGrantsAreReadOrRefused() {
    Fuzz.forAll(GRANTS.list(0, 20), grants -> {
      PermissionSet[] read = new PermissionSet[1];

      boolean accepted = assertReadOrRefused(fields -> read[0] = ProtoRequests.grants(fields, "role.grants", grants));

      if (accepted) {
        assertThat(read[0].grants()).hasSize(grants.size());
      }
    });
  }

  @Test
  void anyEtagIsOursOrRefused() {
    Fuzz.forAll(NAMES, etag -> assertReadOrRefused(fields -> ProtoRequests.etag(fields, "etag", etag)));
  }

  /** True if {@code read} recorded nothing; otherwise checks the refusal is a bounded INVALID_ARGUMENT. */
  private static boolean assertReadOrRefused(Consumer<RequestFields> read) {
    RequestFields fields = new RequestFields();
    read.accept(fields);
    Throwable refusal = catchThrowable(fields::check);
    if (refusal == null) {
      return true;
    }
    assertThat(refusal).isInstanceOf(InvalidArgumentException.class);
    assertThat(((InvalidArgumentException) refusal).violations()).isNotEmpty().hasSizeLessThanOrEqualTo(20);
    return false;
  }
}
