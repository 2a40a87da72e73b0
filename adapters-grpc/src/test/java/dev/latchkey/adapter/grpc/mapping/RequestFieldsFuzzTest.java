package dev.latchkey.adapter.grpc.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.FieldMask;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.proto.v1.Grant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Resource names, update masks, grants and etags as a caller may send them: each is read or
 * refused with INVALID_ARGUMENT and at most 20 violations, never with another exception. (Tries:
 * {@code jqwik.tries.default}, see the README.)
 */
class RequestFieldsFuzzTest {
  private static final List<String> UPDATABLE = List.of("display_name", "grants", "api_access");

  @Property
  void anyResourceNameIsReadOrRefused(@ForAll("names") String name) {
    assertReadOrRefused(fields -> ResourceNames.privateApp(fields, "name", name));
    assertReadOrRefused(fields -> ResourceNames.role(fields, "name", name));
    assertReadOrRefused(fields -> ResourceNames.user(fields, "name", name));
    assertReadOrRefused(fields -> ResourceNames.principal(fields, "parent", name));
    assertReadOrRefused(fields -> ResourceNames.token(fields, "name", name));
  }

  @Property
  void anyUpdateMaskYieldsOnlyUpdatableFieldsOrIsRefused(@ForAll @Size(max = 40) List<@From("paths") String> paths) {
    FieldMask mask = FieldMask.newBuilder().addAllPaths(paths).build();
    Set<String>[] read = new Set[1];

    boolean accepted = assertReadOrRefused(fields -> read[0] = ProtoRequests.updateMask(fields, "update_mask", mask,
        UPDATABLE));

    if (accepted) {
      assertThat(UPDATABLE).containsAll(read[0]);
      assertThat(read[0]).hasSameSizeAs(paths);
    }
  }

  @Property
  void anyGrantsAreReadOrRefused(@ForAll @Size(max = 20) List<@From("grants") Grant> grants) {
    PermissionSet[] read = new PermissionSet[1];

    boolean accepted = assertReadOrRefused(fields -> read[0] = ProtoRequests.grants(fields, "role.grants", grants));

    if (accepted) {
      assertThat(read[0].grants()).hasSize(grants.size());
    }
  }

  @Property
  void anyEtagIsOursOrRefused(@ForAll("names") String etag) {
    assertReadOrRefused(fields -> ProtoRequests.etag(fields, "etag", etag));
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

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> uuid = Arbitraries.create(() -> java.util.UUID.randomUUID().toString());
    Arbitrary<String> part = Arbitraries.oneOf(uuid, Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("", "/", "tokens", "users", "privateApps", "roles", "v1", "..", "%2F"));
    Arbitrary<String> collection = Arbitraries.of("privateApps/", "users/", "roles/", "tokens/", "/tokens/", "", "x/");
    Arbitrary<String> segment = Combinators.combine(collection, part).as(String::concat);
    return Arbitraries.oneOf(
        segment.list().ofMaxSize(4).map(s -> String.join("", s)),
        Arbitraries.strings().ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.oneOf(Arbitraries.of("display_name", "grants", "api_access", "role", "name", "etag",
        "DisplayName", "grants.actions", ""), Arbitraries.strings().ofMaxLength(100));
  }

  @Provide
  Arbitrary<Grant> grants() {
    Arbitrary<String> model = Arbitraries.oneOf(
        Arbitraries.of("tickets", "companies", "users", "roles", "audit_events", "", "TICKETS", "tickets "),
        Arbitraries.strings().ofMaxLength(100));
    Arbitrary<List<Integer>> actions = Arbitraries.oneOf(
        Arbitraries.integers().between(-2, 6), Arbitraries.integers()).list().ofMaxSize(8);
    return Combinators.combine(model, actions)
        .as((m, a) -> Grant.newBuilder().setDataModel(m).addAllActionsValue(a).build());
  }
}
