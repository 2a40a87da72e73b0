package dev.latchkey.app.wiring;

import dagger.Module;
import dagger.Provides;
import dev.latchkey.adapter.grpc.ApiTokenGrpcService;
import dev.latchkey.adapter.grpc.AuditGrpcService;
import dev.latchkey.adapter.grpc.AuthGrpcService;
import dev.latchkey.adapter.grpc.DataModelGrpcService;
import dev.latchkey.adapter.grpc.PrivateAppGrpcService;
import dev.latchkey.adapter.grpc.RateLimitGrpcService;
import dev.latchkey.adapter.grpc.RecordGrpcService;
import dev.latchkey.adapter.grpc.WebhookGrpcService;
import dev.latchkey.adapter.grpc.RequestLogGrpcService;
import dev.latchkey.adapter.grpc.AnalyticsGrpcService;
import dev.latchkey.adapter.grpc.IngestGrpcService;
import dev.latchkey.adapter.grpc.RoleGrpcService;
import dev.latchkey.adapter.grpc.TenantGrpcService;
import dev.latchkey.adapter.grpc.UserGrpcService;
import dev.latchkey.adapter.grpc.auth.AuthorizationGateServerInterceptor;
import dev.latchkey.adapter.grpc.auth.BearerAuthServerInterceptor;
import dev.latchkey.adapter.grpc.error.ErrorMappingServerInterceptor;
import dev.latchkey.adapter.grpc.limit.CallsInFlightServerInterceptor;
import dev.latchkey.adapter.grpc.limit.RateLimitServerInterceptor;
import dev.latchkey.adapter.grpc.log.RequestLogServerInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import jakarta.inject.Singleton;
import java.util.List;

/** The API's services and the interceptor chain, as explicit ordered lists. */
@Module
public interface GrpcModule {
  @Provides
  static List<BindableService> services(
      TenantGrpcService tenants, AuthGrpcService auth, DataModelGrpcService dataModels,
      PrivateAppGrpcService privateApps, ApiTokenGrpcService tokens, AuditGrpcService audit,
      RequestLogGrpcService requestLogs, RoleGrpcService roles, UserGrpcService users,
      RateLimitGrpcService rateLimits, AnalyticsGrpcService analytics, IngestGrpcService ingest,
      RecordGrpcService records, WebhookGrpcService webhooks) {
    return List.of(tenants, auth, dataModels, privateApps, tokens, audit, requestLogs, roles, users, rateLimits,
        analytics, ingest, records, webhooks);
  }

  /**
   * The interceptors in the order a call passes through them: the bound on calls in flight first
   * (it counts every call until its status is sent), then authentication (a call without a usable
   * token costs nothing more), then the request log (it sees the final status of
   * every authenticated call, those refused after authentication included), then the gate that
   * carries out those refusals or admits the principal, then the rate limit (it counts admitted
   * calls only, and the request log sees its refusals), then error mapping around the handler.
   */
  @Provides
  static List<ServerInterceptor> interceptors(
      CallsInFlightServerInterceptor callsInFlight, BearerAuthServerInterceptor bearerAuth,
      RequestLogServerInterceptor requestLog, AuthorizationGateServerInterceptor gate,
      RateLimitServerInterceptor rateLimit, ErrorMappingServerInterceptor errorMapping) {
    return List.of(callsInFlight, bearerAuth, requestLog, gate, rateLimit, errorMapping);
  }

  /** One per server: the bound is on the server's calls in flight. */
  @Provides
  @Singleton
  static CallsInFlightServerInterceptor callsInFlight() {
    return new CallsInFlightServerInterceptor(CallsInFlightServerInterceptor.DEFAULT_MAX_CALLS_IN_FLIGHT);
  }
}
