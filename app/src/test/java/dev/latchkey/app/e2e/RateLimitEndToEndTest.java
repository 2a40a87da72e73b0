package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.CheckAccessResponse;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.GetRateLimitRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.RateLimit;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.RequestLog;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UpdateRateLimitRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate limits of api.md through the real server at its default of 30 requests a minute. The
 * budget refills by one every two seconds, so "the 31st call" is the first call after 30 that the
 * refill has not yet covered; the limiter's own test pins the arithmetic with a fixed clock.
 */
class RateLimitEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey(new RequestsPerMinute(30));

  private static final Metadata.Key<String> LIMIT = key("ratelimit-limit");
  private static final Metadata.Key<String> REMAINING = key("ratelimit-remaining");
  private static final Metadata.Key<String> RESET = key("ratelimit-reset");

  @Test
  void everyCallOfAnAppReportsItsBudgetAndTheCallAfterThirtyIsRefusedWithWhenToRetry() throws Exception {
    CreateTenantResponse tenant = createTenant("Budget");
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "Sync");
    String token = createToken(tenant.getOwnerTokenSecret(), app.getName(), "t1");

    Metadata first = identityHeaders(token);
    assertThat(first.get(LIMIT)).isEqualTo("30");
    assertThat(first.get(REMAINING)).isEqualTo("29");
    assertThat(Long.parseLong(first.get(RESET))).isBetween(1L, 2L);

    int admitted = 1 + spendUntilRefused(token);
    StatusRuntimeException refused = refusal(token);

    assertThat(admitted).isGreaterThanOrEqualTo(30);
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    Metadata trailers = refused.getTrailers();
    assertThat(trailers.get(LIMIT)).isEqualTo("30");
    assertThat(trailers.get(REMAINING)).isEqualTo("0");
    assertThat(Long.parseLong(trailers.get(RESET))).isBetween(57L, 60L);
    com.google.rpc.Status details = StatusProto.fromThrowable(refused);
    RetryInfo retry = detail(details, RetryInfo.class);
    assertThat(retry.getRetryDelay().getSeconds() * 1_000_000_000L + retry.getRetryDelay().getNanos())
        .isPositive().isLessThanOrEqualTo(2_000_000_000L);
    QuotaFailure quota = detail(details, QuotaFailure.class);
    assertThat(quota.getViolationsList()).singleElement().satisfies(v -> {
      assertThat(v.getSubject()).isEqualTo(tenant.getTenant().getName() + "/" + app.getName());
      assertThat(v.getDescription()).isEqualTo("30 requests per minute");
    });

    // The refused call is in the app's request log, like any refused call.
    List<RequestLog> log = awaitLog(tenant.getOwnerTokenSecret(), app.getName());
    assertThat(log).extracting(RequestLog::getStatusCode).contains("OK", "RESOURCE_EXHAUSTED");
  }

  @Test
  void twoTokensOfOneAppShareOneBudget() {
    CreateTenantResponse tenant = createTenant("Shared");
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "Sync");
    String one = createToken(tenant.getOwnerTokenSecret(), app.getName(), "one");
    String two = createToken(tenant.getOwnerTokenSecret(), app.getName(), "two");

    assertThat(identityHeaders(one).get(REMAINING)).isEqualTo("29");
    assertThat(identityHeaders(two).get(REMAINING)).isEqualTo("28");
    spendUntilRefused(one);

    assertThat(refusal(two).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
  }

  @Test
  void anotherAppOfTheSameTenantHasItsOwnBudget() {
    CreateTenantResponse tenant = createTenant("Separate");
    String spent = createToken(tenant.getOwnerTokenSecret(), createApp(tenant.getOwnerTokenSecret(), "A").getName(), "a");
    String fresh = createToken(tenant.getOwnerTokenSecret(), createApp(tenant.getOwnerTokenSecret(), "B").getName(), "b");
    spendUntilRefused(spent);

    assertThat(identityHeaders(fresh).get(REMAINING)).isEqualTo("29");
  }

  @Test
  void checkAccessSpendsTheCheckedTokensBudgetAndRecordsTheCheckInItsLog() throws Exception {
    CreateTenantResponse tenant = createTenant("Guarded");
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "Sync");
    String token = createToken(tenant.getOwnerTokenSecret(), app.getName(), "t");
    // The operator asks (its own calls are never limited), as a resource server would.
    var auth = AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()));
    CheckAccessRequest check = CheckAccessRequest.newBuilder()
        .setToken(token).setDataModel("tickets").setAction(Action.ACTION_READ).build();

    int allowed = 0;
    CheckAccessResponse refused = null;
    for (int i = 0; i < 200 && refused == null; i++) {
      CheckAccessResponse response = auth.checkAccess(check);
      if (response.getAllowed()) {
        allowed++;
      } else {
        refused = response;
      }
    }

    assertThat(allowed).isGreaterThanOrEqualTo(30);
    assertThat(refused).isNotNull();
    assertThat(refused.hasRetryDelay()).isTrue();
    assertThat(refused.getRetryDelay().getSeconds() * 1_000_000_000L + refused.getRetryDelay().getNanos())
        .isPositive().isLessThanOrEqualTo(2_000_000_000L);
    // One budget: the token's own call is refused too.
    assertThat(refusal(token).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    // An inactive token is refused without a retry delay: waiting would not help.
    assertThat(auth.checkAccess(check.toBuilder().setToken("lka_unknown").build()).hasRetryDelay()).isFalse();

    List<RequestLog> log = awaitLog(tenant.getOwnerTokenSecret(), app.getName());
    assertThat(log).filteredOn(e -> e.getMethod().equals("/latchkey.v1.AuthService/CheckAccess tickets:read"))
        .extracting(RequestLog::getStatusCode).contains("OK", "RESOURCE_EXHAUSTED");
  }

  @Test
  void anOverrideRaisesTheLimitOnTheNextCallAndWhatWasSpentStaysSpent() {
    CreateTenantResponse tenant = createTenant("Raised");
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "Sync");
    String token = createToken(tenant.getOwnerTokenSecret(), app.getName(), "t");
    String name = tenant.getTenant().getName() + "/" + app.getName() + "/rateLimit";
    assertThat(identity(token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getRateLimit())
        .isEqualTo(30);
    int admitted = 1 + spendUntilRefused(token);

    RateLimit raised = rateLimits(latchkey.operatorToken()).updateRateLimit(UpdateRateLimitRequest.newBuilder()
        .setRateLimit(RateLimit.newBuilder().setName(name).setRequestsPerMinute(100))
        .setUpdateMask(FieldMask.newBuilder().addPaths("requests_per_minute"))
        .build());

    assertThat(raised.getName()).isEqualTo(name);
    assertThat(raised.getRequestsPerMinute()).isEqualTo(100);
    assertThat(rateLimits(latchkey.operatorToken()).getRateLimit(GetRateLimitRequest.newBuilder().setName(name).build()))
        .isEqualTo(raised);
    Metadata headers = identityHeaders(token);
    assertThat(headers.get(LIMIT)).isEqualTo("100");
    // About 70 fit now, not 99: the 30 calls of this minute count against the new limit too (the
    // bucket refills by one every 0.6 s at 100 a minute, hence the margin).
    assertThat(admitted).isGreaterThanOrEqualTo(30);
    assertThat(Long.parseLong(headers.get(REMAINING))).isBetween(66L, 72L);
    assertThat(identity(token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getRateLimit())
        .isEqualTo(100);

    // The tenant's value is each principal's default; the app's own value still wins.
    rateLimits(latchkey.operatorToken()).updateRateLimit(UpdateRateLimitRequest.newBuilder()
        .setRateLimit(RateLimit.newBuilder().setName(tenant.getTenant().getName() + "/rateLimit")
            .setRequestsPerMinute(1000))
        .setUpdateMask(FieldMask.newBuilder().addPaths("requests_per_minute"))
        .build());
    assertThat(identityHeaders(token).get(LIMIT)).isEqualTo("100");
    assertThat(identityHeaders(tenant.getOwnerTokenSecret()).get(LIMIT)).isEqualTo("1000");

    var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(name).build())
        .getAuditEventsList();
    assertThat(audit).singleElement().satisfies(e -> {
      assertThat(e.getAction()).isEqualTo("rate_limit.updated");
      assertThat(e.getActor()).isEqualTo("operator");
    });
  }

  @Test
  void badLimitsUnknownOrForeignPrincipalsAndTenantTokensAreRefused() throws Exception {
    CreateTenantResponse tenant = createTenant("Refusals");
    CreateTenantResponse other = createTenant("Elsewhere");
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "Sync");
    String name = tenant.getTenant().getName() + "/" + app.getName() + "/rateLimit";
    var operator = rateLimits(latchkey.operatorToken());

    for (long absurd : new long[] {-1, 100_000_001}) {
      StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> operator.updateRateLimit(
          update(name, absurd)));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(detail(StatusProto.fromThrowable(e), BadRequest.class).getFieldViolationsList())
          .extracting(BadRequest.FieldViolation::getField).containsExactly("rate_limit.requests_per_minute");
    }
    assertThat(code(() -> operator.getRateLimit(GetRateLimitRequest.newBuilder().setName("tenants/x/rateLimit").build())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(code(() -> operator.updateRateLimit(UpdateRateLimitRequest.newBuilder()
        .setRateLimit(RateLimit.newBuilder().setName(name).setRequestsPerMinute(5)).build())))
        .as("no update mask").isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(code(() -> operator.updateRateLimit(
        update(other.getTenant().getName() + "/" + app.getName() + "/rateLimit", 5))))
        .as("another tenant's app").isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> operator.updateRateLimit(
        update(tenant.getTenant().getName() + "/users/" + java.util.UUID.randomUUID() + "/rateLimit", 5))))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> operator.updateRateLimit(update("tenants/" + java.util.UUID.randomUUID() + "/rateLimit", 5))))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> rateLimits(tenant.getOwnerTokenSecret()).updateRateLimit(update(name, 1000))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> rateLimits(tenant.getOwnerTokenSecret())
        .getRateLimit(GetRateLimitRequest.newBuilder().setName(name).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void ingestionHasItsOwnBudgetPerTenantApartFromTheApiCalls() {
    CreateTenantResponse tenant = createTenant("Ingesting");
    String ingest = rotateIngestToken(tenant.getOwnerTokenSecret());
    long remainingBefore = Long.parseLong(identityHeaders(tenant.getOwnerTokenSecret()).get(REMAINING));

    Metadata last = null;
    for (int i = 0; i < 40; i++) {
      last = pushOneMetric(ingest);
    }

    // 40 ingestion calls, more than the API's 30 a minute: all admitted, counted against 6,000 (which
    // refills by 100 a second meanwhile).
    assertThat(last.get(LIMIT)).isEqualTo("6000");
    assertThat(Long.parseLong(last.get(REMAINING))).isBetween(5_960L, 5_999L);
    // The account holder's API budget did not pay for them (one more call, minus what refilled).
    assertThat(Long.parseLong(identityHeaders(tenant.getOwnerTokenSecret()).get(REMAINING)))
        .isGreaterThanOrEqualTo(remainingBefore - 1);
  }

  @Test
  void theOperatorSetsATenantsIngestBudgetApartFromItsApiLimit() throws Exception {
    CreateTenantResponse tenant = createTenant("Budgeted");
    String ingest = rotateIngestToken(tenant.getOwnerTokenSecret());
    String name = tenant.getTenant().getName() + "/ingestRateLimit";
    var operator = rateLimits(latchkey.operatorToken());
    assertThat(operator.getRateLimit(GetRateLimitRequest.newBuilder().setName(name).build()))
        .isEqualTo(RateLimit.newBuilder().setName(name).setRequestsPerMinute(0).build());

    assertThat(operator.updateRateLimit(update(name, 3)))
        .isEqualTo(RateLimit.newBuilder().setName(name).setRequestsPerMinute(3).build());

    for (int i = 0; i < 3; i++) {
      assertThat(pushOneMetric(ingest).get(LIMIT)).isEqualTo("3");
    }
    StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> pushOneMetric(ingest));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(detail(StatusProto.fromThrowable(refused), QuotaFailure.class).getViolations(0).getSubject())
        .isEqualTo(tenant.getTenant().getName() + "/ingest");
    assertThat(detail(StatusProto.fromThrowable(refused), RetryInfo.class).getRetryDelay().getSeconds())
        .isBetween(1L, 20L);
    // The API budgets of the tenant's principals are another matter.
    assertThat(identityHeaders(tenant.getOwnerTokenSecret()).get(LIMIT)).isEqualTo("30");

    // Setting the tenant's API limit leaves the ingest budget alone, and 0 puts the default back.
    operator.updateRateLimit(update(tenant.getTenant().getName() + "/rateLimit", 1000));
    assertThat(code(() -> pushOneMetric(ingest))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    operator.updateRateLimit(update(name, 0));
    Metadata headers = pushOneMetric(ingest);
    assertThat(headers.get(LIMIT)).isEqualTo("6000");
    // What was spent is spent against the new budget too, but it refills by 100 a second.
    assertThat(Long.parseLong(headers.get(REMAINING))).isBetween(5_990L, 5_999L);

    var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(tenant.getOwnerTokenSecret()))
        .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(name).build())
        .getAuditEventsList();
    assertThat(audit).extracting(e -> e.getAction() + " by " + e.getActor() + ": "
            + e.getDetailsMap().get("previous_requests_per_minute") + " -> " + e.getDetailsMap().get("requests_per_minute"))
        .containsExactlyInAnyOrder("rate_limit.updated by operator: 0 -> 3", "rate_limit.updated by operator: 3 -> 0");

    // Names it does not know, tenants that do not exist, and tenants' own tokens are refused.
    for (String bad : List.of("tenants/x/ingestRateLimit", tenant.getTenant().getName() + "/ingestRateLimit/x",
        tenant.getTenant().getName() + "/users/" + java.util.UUID.randomUUID() + "/ingestRateLimit",
        tenant.getTenant().getName() + "/ingestratelimit")) {
      assertThat(code(() -> operator.getRateLimit(GetRateLimitRequest.newBuilder().setName(bad).build())))
          .as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(code(() -> operator.updateRateLimit(update("tenants/" + java.util.UUID.randomUUID() + "/ingestRateLimit", 5))))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(() -> rateLimits(tenant.getOwnerTokenSecret()).updateRateLimit(update(name, 100_000))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> rateLimits(ingest).getRateLimit(GetRateLimitRequest.newBuilder().setName(name).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  private static String rotateIngestToken(String adminToken) {
    return dev.latchkey.proto.v1.AnalyticsServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(adminToken))
        .rotateIngestToken(dev.latchkey.proto.v1.RotateIngestTokenRequest.getDefaultInstance()).getSecret();
  }

  /** One PushMetrics call with the ingest token; returns the budget it reported. */
  private static Metadata pushOneMetric(String ingestToken) {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    dev.latchkey.proto.v1.IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(ingestToken))
        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
        .pushMetrics(dev.latchkey.proto.v1.PushMetricsRequest.newBuilder().addMetrics(
            dev.latchkey.proto.v1.MetricPoint.newBuilder().setMetric("m").setValue(1).setTime(
                com.google.protobuf.Timestamp.newBuilder().setSeconds(java.time.Instant.now().getEpochSecond())))
            .build());
    return headers.get();
  }

  private static UpdateRateLimitRequest update(String name, long requestsPerMinute) {
    return UpdateRateLimitRequest.newBuilder()
        .setRateLimit(RateLimit.newBuilder().setName(name).setRequestsPerMinute(requestsPerMinute))
        .setUpdateMask(FieldMask.newBuilder().addPaths("requests_per_minute"))
        .build();
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static RateLimitServiceGrpc.RateLimitServiceBlockingStub rateLimits(String token) {
    return RateLimitServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  @Test
  void aClientThatWaitsForRetryInfoIsNeverRefusedTwiceInARow() throws InterruptedException {
    CreateTenantResponse tenant = createTenant("Patient");
    String token = createToken(tenant.getOwnerTokenSecret(),
        createApp(tenant.getOwnerTokenSecret(), "Sync").getName(), "t");
    spendUntilRefused(token);

    for (int call = 0; call < 3; call++) {
      AtomicInteger refusals = new AtomicInteger();
      var identity = withRateLimit(() -> {
        try {
          return identity(token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
          refusals.incrementAndGet();
          throw e;
        }
      });
      assertThat(identity.getPrincipal()).startsWith("privateApps/");
      assertThat(refusals).as("refusals before call %d went through", call).hasValueLessThanOrEqualTo(1);
    }
  }

  /** The client loop of the README, word for word. */
  static <T> T withRateLimit(Supplier<T> call) throws InterruptedException {
    while (true) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED) {
          throw e;
        }
        Thread.sleep(retryDelay(e).orElse(Duration.ofSeconds(1)));
      }
    }
  }

  /** The delay of the error's RetryInfo; empty for RESOURCE_EXHAUSTED without one (calls in flight). */
  static Optional<Duration> retryDelay(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    for (Any detail : status == null ? List.<Any>of() : status.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
          return Optional.of(Duration.ofSeconds(d.getSeconds(), d.getNanos()));
        } catch (InvalidProtocolBufferException malformed) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void theOperatorIsNeverLimitedNorWhenItActsForAUser() {
    CreateTenantResponse tenant = createTenant("Operated");
    var tenants = TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()));
    Metadata actAs = new Metadata();
    actAs.put(key("latchkey-act-as"), tenant.getTenant().getName() + "/" + tenant.getOwner().getName());

    for (int i = 0; i < 45; i++) {
      AtomicReference<Metadata> headers = new AtomicReference<>();
      tenants.withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
          .listTenants(ListTenantsRequest.getDefaultInstance());
      assertThat(headers.get().get(LIMIT)).isNull();

      var identity = AuthServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(bearer(latchkey.operatorToken()))
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(actAs),
              MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
          .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
      assertThat(identity.getPrincipal()).isEqualTo(tenant.getOwner().getName());
      assertThat(headers.get().get(LIMIT)).isNull();
    }
  }

  @Test
  void theHealthCheckCarriesNoBudget() {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    HealthGrpc.newBlockingStub(latchkey.channel())
        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
        .check(HealthCheckRequest.getDefaultInstance());

    assertThat(headers.get().get(LIMIT)).isNull();
  }

  /** Calls until the budget refuses one; returns how many were admitted on the way. */
  private static int spendUntilRefused(String token) {
    for (int admitted = 0; admitted < 200; admitted++) {
      try {
        identity(token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        return admitted;
      }
    }
    throw new AssertionError("200 calls in a row were admitted under a limit of 30 a minute");
  }

  private static StatusRuntimeException refusal(String token) {
    return catchThrowableOfType(StatusRuntimeException.class,
        () -> identity(token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
  }

  private static Metadata identityHeaders(String token) {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    identity(token).withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
    return headers.get();
  }

  private static AuthServiceGrpc.AuthServiceBlockingStub identity(String token) {
    return AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static List<RequestLog> awaitLog(String admin, String app) throws InterruptedException {
    // Written off the request path: poll, slowly, since the admin's own calls count too.
    List<RequestLog> log = List.of();
    for (int i = 0; i < 20; i++) {
      log = RequestLogServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(admin))
          .listRequestLogs(ListRequestLogsRequest.newBuilder().setParent(app).setPageSize(100).build())
          .getRequestLogsList();
      if (log.stream().anyMatch(e -> e.getStatusCode().equals("RESOURCE_EXHAUSTED"))) {
        return log;
      }
      Thread.sleep(1000);
    }
    return log;
  }

  private static <T extends com.google.protobuf.Message> T detail(com.google.rpc.Status status, Class<T> type)
      throws InvalidProtocolBufferException {
    for (Any any : status.getDetailsList()) {
      if (any.is(type)) {
        return any.unpack(type);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + status);
  }

  private static CreateTenantResponse createTenant(String name) {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail("admin@" + name.toLowerCase(java.util.Locale.ROOT) + ".test")
            .setOwnerDisplayName("Admin of " + name)
            .build());
  }

  private static PrivateApp createApp(String admin, String name) {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(admin))
        .createPrivateApp(CreatePrivateAppRequest.newBuilder()
            .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name).addGrants(
                Grant.newBuilder().setDataModel("tickets").addActions(Action.ACTION_READ)))
            .build());
  }

  private static String createToken(String admin, String app, String name) {
    return ApiTokenServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(admin))
        .createApiToken(CreateApiTokenRequest.newBuilder()
            .setParent(app)
            .setApiToken(ApiToken.newBuilder().setDisplayName(name))
            .build())
        .getSecret();
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
