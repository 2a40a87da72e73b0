package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.Refusal;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerAuthServerInterceptorTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void callWithoutCredentialsIsUnauthenticatedAndNeverChecksAToken() {
    Refusal refusal = callerIdentity(api.anonymous());

    assertThat(refusal.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refusal.description()).isEqualTo(UnauthenticatedException.MESSAGE);
    assertThat(useCases.presentedTokens).isEmpty();
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void unreadableAuthorizationHeaderIsUnauthenticatedWithoutCheckingAToken() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.operator());
    String basicWithPassword = "Basic "
        + Base64.getEncoder().encodeToString((token + ":password").getBytes(StandardCharsets.UTF_8));

    assertThat(callerIdentity(api.authorization(basicWithPassword))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.presentedTokens).isEmpty();
  }

  @Test
  void twoAuthorizationHeadersAreUnauthenticatedEvenIfOneIsValid() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.operator());
    Metadata headers = new Metadata();
    Metadata.Key<String> authorization = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    headers.put(authorization, "Bearer " + token);
    headers.put(authorization, "Bearer " + TestValues.personalToken());

    assertThat(callerIdentity(api.with(headers))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void malformedTokenIsUnauthenticatedWithTheSameMessage() {
    assertThat(callerIdentity(api.bearer("not-a-token"))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.presentedTokens).containsExactly("not-a-token");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void wrongChecksumIsUnauthenticatedWithTheSameMessage() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.operator());

    assertThat(callerIdentity(api.bearer(TestValues.withWrongChecksum(token))))
        .isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void unknownTokenIsUnauthenticatedWithTheSameMessage() {
    assertThat(callerIdentity(api.bearer(TestValues.personalToken()))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void tokenOfAnInactiveOwnerIsUnauthenticatedWithTheSameMessage() {
    String token = TestValues.personalToken();
    useCases.tokens.put(token, new TokenCheck.OwnerInactive());

    assertThat(callerIdentity(api.bearer(token))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void validTokenBringsItsPrincipalToTheService() {
    String token = TestValues.personalToken();
    Principal.TenantPrincipal member = TestValues.member(
        TestValues.tenantId(), PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
    useCases.accept(token, member);

    CallerIdentity identity = AuthServiceGrpc.newBlockingStub(api.bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(useCases.callers).containsExactly(member);
    assertThat(identity.getPrincipal()).isEqualTo(member.actor().resourceName());
    assertThat(identity.getTenant()).isEqualTo("tenants/" + member.tenantId());
    assertThat(identity.getToken()).isEqualTo(member.tokenName());
  }

  @Test
  void basicCredentialsWithTheTokenAsUserNameAuthenticateTheCall() {
    String token = TestValues.token(TokenKind.OPERATOR).reveal();
    useCases.accept(token, TestValues.operator());
    String basic = "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));

    CallerIdentity identity = AuthServiceGrpc.newBlockingStub(api.authorization(basic))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(identity.getPrincipal()).isEqualTo("operator");
    assertThat(useCases.presentedTokens).containsExactly(token);
  }

  @Test
  void healthCheckNeedsNoToken() {
    byte[] response = InProcessApi.call(api.anonymous(), InProcessApi.HEALTH_CHECK);

    assertThat(response).isEqualTo(InProcessApi.SERVING);
    assertThat(api.healthChecks).hasValue(1);
    assertThat(useCases.presentedTokens).isEmpty();
  }

  @Test
  void healthCheckWithABadTokenIsStillAnswered() {
    InProcessApi.call(api.bearer("garbage"), InProcessApi.HEALTH_CHECK);

    assertThat(api.healthChecks).hasValue(1);
  }

  @Test
  void methodMissingFromThePermissionTableIsPermissionDeniedEvenWithAValidToken() {
    String token = TestValues.token(TokenKind.OPERATOR).reveal();
    useCases.accept(token, TestValues.operator());

    Refusal refusal = Refusal.of(() -> InProcessApi.call(api.bearer(token), InProcessApi.UNLISTED));

    assertThat(refusal.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(api.unlistedCalls).hasValue(0);
  }

  @Test
  void unavailableTokenCheckIsUnavailableAndNeverLetsTheCallThrough() {
    useCases.authenticationFailure =
        new UnavailableException("token lookup failed", new SQLException("connection to db-7.internal refused"));

    Refusal refusal = callerIdentity(api.bearer(TestValues.personalToken()));

    assertThat(refusal.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refusal.everything()).doesNotContain("db-7.internal").doesNotContain("token lookup failed");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void unexpectedFailureOfTheTokenCheckIsInternalWithoutItsDetail() {
    useCases.authenticationFailure = new IllegalStateException("secret detail");

    Refusal refusal = callerIdentity(api.bearer(TestValues.personalToken()));

    assertThat(refusal.code()).isEqualTo(Status.Code.INTERNAL);
    assertThat(refusal.description()).isEqualTo("internal error");
    assertThat(refusal.everything()).doesNotContain("secret detail");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void refusalLooksTheSameOnEveryServiceThatNeedsAToken() {
    Refusal onTenants = Refusal.of(() -> TenantServiceGrpc.newBlockingStub(api.bearer(TestValues.personalToken()))
        .listTenants(ListTenantsRequest.getDefaultInstance()));

    assertThat(onTenants).isEqualTo(refusalWithoutCredentials());
  }

  // --- latchkey-act-as: the operator acting for a signed-in person ---

  @Test
  void operatorActingForAUserRunsTheCallAsThatUserWithTheOperatorAsMeans() {
    String operatorToken = operatorToken();
    Principal.TenantPrincipal user = TestValues.actedFor(
        TestValues.tenantId(), PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)));
    useCases.actingFor(user);

    CallerIdentity identity = AuthServiceGrpc.newBlockingStub(api.actingAs(operatorToken, actAsName(user)))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(useCases.callers).containsExactly(user);
    assertThat(useCases.actAsRequests).containsExactly("operator -> " + actAsName(user));
    assertThat(identity.getPrincipal()).isEqualTo(user.actor().resourceName());
    assertThat(identity.getTenant()).isEqualTo("tenants/" + user.tenantId());
    assertThat(identity.getDisplayName()).isEqualTo("Grace Hopper");
    assertThat(identity.getGrantsList()).extracting(dev.latchkey.proto.v1.Grant::getDataModel)
        .containsExactly("private_apps");
    assertThat(identity.getToken()).as("no token of the user was used").isEmpty();
  }

  @Test
  void actedForUserMeetsThePermissionTableOfItsOwnServices() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.none());
    useCases.actingFor(user);

    RoleServiceGrpc.newBlockingStub(api.actingAs(operatorToken(), actAsName(user)))
        .listRoles(ListRolesRequest.getDefaultInstance());

    assertThat(useCases.callers).containsExactly(user);
  }

  @Test
  void anyTokenButTheOperatorsSendingTheHeaderIsPermissionDeniedAndNeverActs() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);

    Refusal refusal = callerIdentity(api.actingAs(token, actAsName(user)));

    assertThat(refusal.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refusal.description()).isEqualTo("only the operator token may act for a user");
    assertThat(useCases.actAsRequests).isEmpty();
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void actAsRefusedByTheUseCaseIsPermissionDenied() {
    useCases.actAsFailure = new PermissionDeniedException("only the operator may act for a user");

    Refusal refusal = callerIdentity(api.actingAs(operatorToken(), actAsName(TestValues.tenantId(), randomUser())));

    assertThat(refusal.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void actingForAnUnknownDeactivatedOrOtherTenantUserIsUnauthenticatedWithTheSameMessage() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);
    UserId userId = ((Actor.UserRef) user.actor()).id();
    String otherTenant = FakeUseCases.actAsName(TestValues.tenantId(), userId);
    String deactivated = FakeUseCases.actAsName(user.tenantId(), randomUser());
    useCases.actAsOutcomes.put(deactivated, new TokenCheck.OwnerInactive());

    assertThat(callerIdentity(api.actingAs(operatorToken(), otherTenant))).isEqualTo(refusalWithoutCredentials());
    assertThat(callerIdentity(api.actingAs(operatorToken(), deactivated))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.actAsRequests).hasSize(2);
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "users/6ba7b810-9dad-41d1-80b4-00c04fd430c8",
      "tenants/3f2504e0-4f89-41d3-9a0c-0305e82c3301",
      "tenants/3f2504e0-4f89-41d3-9a0c-0305e82c3301/users/",
      "tenants/3f2504e0-4f89-41d3-9a0c-0305e82c3301/users/grace",
      "tenants/acme/users/6ba7b810-9dad-41d1-80b4-00c04fd430c8",
      "tenants/3F2504E0-4F89-41D3-9A0C-0305E82C3301/users/6ba7b810-9dad-41d1-80b4-00c04fd430c8",
      "tenants/3f2504e0-4f89-41d3-9a0c-0305e82c3301/users/6ba7b810-9dad-41d1-80b4-00c04fd430c8/tokens/x",
      " tenants/3f2504e0-4f89-41d3-9a0c-0305e82c3301/users/6ba7b810-9dad-41d1-80b4-00c04fd430c8",
      "operator"})
  void malformedActAsHeaderIsUnauthenticatedWithTheSameMessageAndChecksNothing(String header) {
    String token = operatorToken();

    assertThat(callerIdentity(api.actingAs(token, header))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.presentedTokens).as("a garbled header costs no token check").isEmpty();
    assertThat(useCases.actAsRequests).isEmpty();
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void overlongActAsHeaderIsUnauthenticated() {
    String header = "tenants/" + UUID.randomUUID() + "/users/" + UUID.randomUUID() + "x".repeat(200);

    assertThat(callerIdentity(api.actingAs(operatorToken(), header))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.actAsRequests).isEmpty();
  }

  @Test
  void twoActAsHeadersAreUnauthenticatedEvenIfBothNameTheSameValidUser() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + operatorToken());
    headers.put(InProcessApi.ACT_AS, actAsName(user));
    headers.put(InProcessApi.ACT_AS, actAsName(user));

    assertThat(callerIdentity(api.with(headers))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.actAsRequests).isEmpty();
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void actAsHeaderWithoutAnyTokenIsUnauthenticated() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);
    Metadata headers = new Metadata();
    headers.put(InProcessApi.ACT_AS, actAsName(user));

    assertThat(callerIdentity(api.with(headers))).isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.actAsRequests).isEmpty();
  }

  @Test
  void actAsHeaderWithABadTokenIsUnauthenticatedAndNeverActs() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);

    assertThat(callerIdentity(api.actingAs(TestValues.token(TokenKind.OPERATOR).reveal(), actAsName(user))))
        .isEqualTo(refusalWithoutCredentials());
    assertThat(useCases.actAsRequests).isEmpty();
  }

  @Test
  void unavailableActAsCheckIsUnavailableAndNeverLetsTheCallThrough() {
    useCases.actAsFailure =
        new UnavailableException("user lookup failed", new SQLException("connection to db-7.internal refused"));

    Refusal refusal = callerIdentity(api.actingAs(operatorToken(), actAsName(TestValues.tenantId(), randomUser())));

    assertThat(refusal.code()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(refusal.everything()).doesNotContain("db-7.internal").doesNotContain("user lookup failed");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void unexpectedFailureOfTheActAsCheckIsInternalWithoutItsDetail() {
    useCases.actAsFailure = new IllegalStateException("secret detail");

    Refusal refusal = callerIdentity(api.actingAs(operatorToken(), actAsName(TestValues.tenantId(), randomUser())));

    assertThat(refusal.code()).isEqualTo(Status.Code.INTERNAL);
    assertThat(refusal.everything()).doesNotContain("secret detail");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void actingForAUserOnAMethodMissingFromThePermissionTableIsStillPermissionDenied() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(), PermissionSet.all());
    useCases.actingFor(user);

    Refusal refusal = Refusal.of(() -> InProcessApi.call(api.actingAs(operatorToken(), actAsName(user)),
        InProcessApi.UNLISTED));

    assertThat(refusal.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(api.unlistedCalls).hasValue(0);
  }

  @Test
  void healthCheckIgnoresTheActAsHeader() {
    InProcessApi.call(api.actingAs("garbage", "garbage"), InProcessApi.HEALTH_CHECK);

    assertThat(api.healthChecks).hasValue(1);
    assertThat(useCases.actAsRequests).isEmpty();
  }

  private String operatorToken() {
    String token = TestValues.token(TokenKind.OPERATOR).reveal();
    useCases.accept(token, TestValues.operator());
    return token;
  }

  private static String actAsName(Principal.TenantPrincipal user) {
    return FakeUseCases.actAsName(user.tenantId(), ((Actor.UserRef) user.actor()).id());
  }

  private static String actAsName(TenantId tenant, UserId user) {
    return FakeUseCases.actAsName(tenant, user);
  }

  private static UserId randomUser() {
    return new UserId(UUID.randomUUID());
  }

  private Refusal refusalWithoutCredentials() {
    Refusal refusal = callerIdentity(api.anonymous());
    assertThat(refusal.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refusal.description()).isEqualTo(UnauthenticatedException.MESSAGE);
    return refusal;
  }

  private static Refusal callerIdentity(Channel channel) {
    return Refusal.of(() -> AuthServiceGrpc.newBlockingStub(channel)
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
  }
}
