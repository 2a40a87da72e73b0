package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.GetTenantRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.ListTenantsResponse;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantGrpcServiceTest {
  private static final String UUID_TEXT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final TenantServiceGrpc.TenantServiceBlockingStub tenants;

  TenantGrpcServiceTest() {
    String token = TestValues.token(TokenKind.OPERATOR).reveal();
    useCases.accept(token, TestValues.operator());
    tenants = TenantServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void createTenantWithEveryFieldWrongListsEachBadFieldAndNeverCallsTheUseCase() {
    CreateTenantRequest request = CreateTenantRequest.newBuilder()
        .setTenant(dev.latchkey.proto.v1.Tenant.newBuilder().setName("tenants/" + UUID_TEXT).setDisplayName(""))
        .setOwnerEmail("not an email")
        .setOwnerDisplayName("")
        .build();

    assertThat(badFields(() -> tenants.createTenant(request)))
        .containsExactlyInAnyOrder("tenant.display_name", "owner_email", "owner_display_name", "tenant.name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createTenantWithADisplayNameOf101CharactersIsRefusedOnThatFieldOnly() {
    CreateTenantRequest request = validCreateRequest()
        .setTenant(dev.latchkey.proto.v1.Tenant.newBuilder().setDisplayName("a".repeat(101)))
        .build();

    assertThat(badFields(() -> tenants.createTenant(request))).containsExactly("tenant.display_name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createTenantWithoutATenantMessageIsRefusedOnTheDisplayName() {
    CreateTenantRequest request = validCreateRequest().clearTenant().build();

    assertThat(badFields(() -> tenants.createTenant(request))).containsExactly("tenant.display_name");
  }

  @Test
  void createTenantWithAnInvalidOwnerEmailIsRefusedOnThatFieldOnly() {
    CreateTenantRequest request = validCreateRequest().setOwnerEmail("ada@").build();

    assertThat(badFields(() -> tenants.createTenant(request))).containsExactly("owner_email");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createTenantWithAnEmptyOwnerDisplayNameIsRefusedOnThatFieldOnly() {
    CreateTenantRequest request = validCreateRequest().setOwnerDisplayName("   ").build();

    assertThat(badFields(() -> tenants.createTenant(request))).containsExactly("owner_display_name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createTenantWithAClientChosenNameIsRefusedOnThatFieldOnly() {
    CreateTenantRequest request = validCreateRequest()
        .setTenant(dev.latchkey.proto.v1.Tenant.newBuilder().setDisplayName("Acme").setName("tenants/mine"))
        .build();

    assertThat(badFields(() -> tenants.createTenant(request))).containsExactly("tenant.name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createTenantPassesTheTrimmedValuesOnAndReturnsTenantOwnerAndOwnerTokenSecret() {
    Tenant tenant = TestValues.tenant();
    User owner = TestValues.accountHolder(tenant.id(), new RoleId(UUID.randomUUID()));
    TokenSecret secret = TestValues.token(TokenKind.PERSONAL);
    ApiToken stored = new ApiToken(tenant.id(), new ApiTokenId(UUID.randomUUID()), owner.ref(),
        new DisplayName("First token"), secret.displayPrefix(), new TokenDigest("k1", new byte[32]),
        TestValues.CREATED, new Actor.Operator(), null);
    useCases.nextCreatedTenant = new CreatedTenant(tenant, owner, new IssuedToken(stored, secret));

    CreateTenantResponse response = tenants.createTenant(CreateTenantRequest.newBuilder()
        .setTenant(dev.latchkey.proto.v1.Tenant.newBuilder().setDisplayName("  Acme Corp "))
        .setOwnerEmail(" ada@example.com ")
        .setOwnerDisplayName("Ada Lovelace\t")
        .build());

    assertThat(useCases.createdTenants).singleElement().satisfies(command -> {
      assertThat(command.displayName().value()).isEqualTo("Acme Corp");
      assertThat(command.ownerEmail().value()).isEqualTo("ada@example.com");
      assertThat(command.ownerDisplayName().value()).isEqualTo("Ada Lovelace");
    });
    assertThat(useCases.callers).containsExactly(TestValues.operator());
    assertThat(response.getTenant().getName()).isEqualTo("tenants/" + tenant.id());
    assertThat(response.getOwner().getName()).isEqualTo("users/" + owner.id());
    assertThat(response.getOwner().getAccountHolder()).isTrue();
    assertThat(response.getOwnerTokenSecret()).isEqualTo(secret.reveal());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "tenants/",
      "tenants/not-a-uuid",
      "foo/" + UUID_TEXT,
      "tenants/3F2504E0-4F89-41D3-9A0C-0305E82C3301",
      "tenants/" + UUID_TEXT + "/users/" + UUID_TEXT,
      UUID_TEXT})
  void getTenantWithABadNameIsInvalidArgumentOnName(String name) {
    GetTenantRequest request = GetTenantRequest.newBuilder().setName(name).build();

    assertThat(badFields(() -> tenants.getTenant(request))).containsExactly("name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void getTenantLooksUpTheIdInTheName() {
    Tenant tenant = TestValues.tenant();
    useCases.tenants.put(tenant.id(), tenant);

    dev.latchkey.proto.v1.Tenant found =
        tenants.getTenant(GetTenantRequest.newBuilder().setName(tenant.resourceName()).build());

    assertThat(useCases.tenantLookups).containsExactly(tenant.id());
    assertThat(found.getName()).isEqualTo(tenant.resourceName());
    assertThat(found.getDisplayName()).isEqualTo("Acme Corp");
  }

  @Test
  void getTenantOfAnUnknownIdIsNotFound() {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> tenants.getTenant(GetTenantRequest.newBuilder().setName("tenants/" + UUID_TEXT).build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void listTenantsPassesThePagingOnAndReturnsTheNextPageToken() {
    Tenant first = TestValues.tenant();
    Tenant second = TestValues.tenant();
    useCases.nextTenantPage = new Page<>(List.of(first, second), Optional.of("next-page"));

    ListTenantsResponse response =
        tenants.listTenants(ListTenantsRequest.newBuilder().setPageSize(2).setPageToken("this-page").build());

    assertThat(useCases.tenantPageRequests).containsExactly("2:this-page");
    assertThat(response.getTenantsList()).extracting(dev.latchkey.proto.v1.Tenant::getName)
        .containsExactly(first.resourceName(), second.resourceName());
    assertThat(response.getNextPageToken()).isEqualTo("next-page");
  }

  @Test
  void lastPageOfTenantsHasAnEmptyNextPageToken() {
    ListTenantsResponse response = tenants.listTenants(ListTenantsRequest.getDefaultInstance());

    assertThat(useCases.tenantPageRequests).containsExactly("0:");
    assertThat(response.getTenantsList()).isEmpty();
    assertThat(response.getNextPageToken()).isEmpty();
  }

  private static CreateTenantRequest.Builder validCreateRequest() {
    return CreateTenantRequest.newBuilder()
        .setTenant(dev.latchkey.proto.v1.Tenant.newBuilder().setDisplayName("Acme Corp"))
        .setOwnerEmail("ada@example.com")
        .setOwnerDisplayName("Ada Lovelace");
  }

  /** The fields named by the BadRequest of the INVALID_ARGUMENT that {@code call} fails with. */
  private static List<String> badFields(ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call should have failed").isNotNull();
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    try {
      return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
          .map(BadRequest.FieldViolation::getField)
          .toList();
    } catch (InvalidProtocolBufferException ex) {
      throw new AssertionError(ex);
    }
  }
}
