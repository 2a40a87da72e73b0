package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.Refusal;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
