package dev.latchkey.adapter.grpc.support;

import dev.latchkey.adapter.grpc.ApiTokenGrpcService;
import dev.latchkey.adapter.grpc.AuditGrpcService;
import dev.latchkey.adapter.grpc.AuthGrpcService;
import dev.latchkey.adapter.grpc.RateLimitGrpcService;
import dev.latchkey.adapter.grpc.WebhookGrpcService;
import dev.latchkey.adapter.grpc.DataModelGrpcService;
import dev.latchkey.adapter.grpc.PrivateAppGrpcService;
import dev.latchkey.adapter.grpc.RequestLogGrpcService;
import dev.latchkey.adapter.grpc.AnalyticsGrpcService;
import dev.latchkey.adapter.grpc.IngestGrpcService;
import dev.latchkey.adapter.grpc.RecordGrpcService;
import dev.latchkey.adapter.grpc.RoleGrpcService;
import dev.latchkey.adapter.grpc.TenantGrpcService;
import dev.latchkey.adapter.grpc.UserGrpcService;
import dev.latchkey.adapter.grpc.auth.AuthorizationGateServerInterceptor;
import dev.latchkey.adapter.grpc.auth.BearerAuthServerInterceptor;
import dev.latchkey.adapter.grpc.error.ErrorMappingServerInterceptor;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The adapter as a client meets it: the real services behind the real interceptor chain
 * (authentication first, then error mapping), over an in-process transport, backed by {@link
 * FakeUseCases}. Also serves a health check and one RPC that the permission table does not list.
 */
public final class InProcessApi implements AutoCloseable {
  public static final String AUTHORIZATION = "authorization";
  public static final Metadata.Key<String> ACT_AS =
      Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER);

  // Declared before the descriptors below, which use it while the class initializes.
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** The standard health check's method name; the message bytes are irrelevant to the adapter. */
  public static final MethodDescriptor<byte[], byte[]> HEALTH_CHECK = bytesMethod("grpc.health.v1.Health/Check");

  /** A made-up RPC that nobody put into the permission table. */
  public static final MethodDescriptor<byte[], byte[]> UNLISTED = bytesMethod("latchkey.v1.BackdoorService/OpenSesame");

  /** {@code HealthCheckResponse{status: SERVING}} on the wire. */
  public static final byte[] SERVING = {0x08, 0x01};

  public final FakeUseCases useCases;
  public final AtomicInteger healthChecks = new AtomicInteger();
  public final AtomicInteger unlistedCalls = new AtomicInteger();

  private final Server server;
  private final ManagedChannel channel;

  private InProcessApi(FakeUseCases useCases) throws IOException {
    this.useCases = useCases;
    String name = InProcessServerBuilder.generateName();
    this.server = InProcessServerBuilder.forName(name)
        .directExecutor()
        .addService(new TenantGrpcService(
            useCases.createTenantUseCase(), useCases.getTenantUseCase(), useCases.listTenantsUseCase()))
        .addService(new AuthGrpcService(
            useCases.getCallerIdentityUseCase(), useCases.introspectTokenUseCase(), useCases.checkAccessUseCase()))
        .addService(new DataModelGrpcService(useCases.listDataModelsUseCase()))
        .addService(new RoleGrpcService(useCases.createRoleUseCase(), useCases.getRoleUseCase(),
            useCases.listRolesUseCase(), useCases.updateRoleUseCase(), useCases.deleteRoleUseCase()))
        .addService(new UserGrpcService(useCases.createUserUseCase(), useCases.getUserUseCase(),
            useCases.listUsersUseCase(), useCases.updateUserUseCase(), useCases.changeUserStateUseCase(),
            useCases.deleteUserUseCase(), useCases.transferAccountHolderUseCase()))
        .addService(new PrivateAppGrpcService(useCases.createPrivateAppUseCase(), useCases.getPrivateAppUseCase(),
            useCases.listPrivateAppsUseCase(), useCases.updatePrivateAppUseCase(),
            useCases.changePrivateAppStateUseCase(), useCases.deletePrivateAppUseCase()))
        .addService(new ApiTokenGrpcService(useCases.createApiTokenUseCase(), useCases.getApiTokenUseCase(),
            useCases.listApiTokensUseCase(), useCases.deleteApiTokenUseCase()))
        .addService(new RecordGrpcService(useCases.createRecordUseCase(), useCases.getRecordUseCase(),
            useCases.listRecordsUseCase(), useCases.updateRecordUseCase(), useCases.deleteRecordUseCase(),
            useCases.batchUpsertRecordsUseCase(), useCases.listRecordRevisionsUseCase()))
        .addService(new AuditGrpcService(useCases.listAuditEventsUseCase()))
        .addService(new RequestLogGrpcService(useCases.listRequestLogsUseCase()))
        .addService(new RateLimitGrpcService(useCases.getRateLimitUseCase(), useCases.updateRateLimitUseCase()))
        .addService(new AnalyticsGrpcService(useCases.rotateIngestTokenUseCase(), useCases.getIngestTokenUseCase(),
            useCases.listActivitiesUseCase(), useCases.queryMetricsUseCase()))
        .addService(new IngestGrpcService(useCases.trackActivitiesUseCase(), useCases.pushMetricsUseCase()))
        .addService(new WebhookGrpcService(useCases.createWebhookUseCase(), useCases.getWebhookUseCase(),
            useCases.listWebhooksUseCase(), useCases.updateWebhookUseCase(), useCases.deleteWebhookUseCase(),
            useCases.testWebhookUseCase(), useCases.rotateWebhookSecretUseCase(),
            useCases.listWebhookDeliveriesUseCase(), useCases.listWebhookEventTypesUseCase()))
        .addService(bytesService(HEALTH_CHECK, healthChecks))
        .addService(bytesService(UNLISTED, unlistedCalls))
        // ServerBuilder.intercept() runs the last-added interceptor first: bearer auth runs first.
        .intercept(new ErrorMappingServerInterceptor())
        .intercept(new AuthorizationGateServerInterceptor())
        .intercept(new BearerAuthServerInterceptor(useCases))
        .build()
        .start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  public static InProcessApi start(FakeUseCases useCases) {
    try {
      return new InProcessApi(useCases);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A channel that sends no credentials. */
  public Channel anonymous() {
    return channel;
  }

  /** A channel that sends {@code Authorization: Bearer <token>}. */
  public Channel bearer(String token) {
    return authorization("Bearer " + token);
  }

  /** A channel that sends {@code Authorization: Bearer <token>} and {@code latchkey-act-as: <actAs>}. */
  public Channel actingAs(String token, String actAs) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    headers.put(ACT_AS, actAs);
    return with(headers);
  }

  /** A channel that sends one {@code authorization} header with exactly {@code value}. */
  public Channel authorization(String value) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), value);
    return with(headers);
  }

  /** A channel that sends {@code headers} on every call. */
  public Channel with(Metadata headers) {
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  public static byte[] call(Channel channel, MethodDescriptor<byte[], byte[]> method) {
    return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, new byte[0]);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private static ServerServiceDefinition bytesService(MethodDescriptor<byte[], byte[]> method, AtomicInteger calls) {
    return ServerServiceDefinition.builder(method.getServiceName())
        .addMethod(method, ServerCalls.asyncUnaryCall((request, response) -> {
          calls.incrementAndGet();
          response.onNext(SERVING);
          response.onCompleted();
        }))
        .build();
  }

  private static MethodDescriptor<byte[], byte[]> bytesMethod(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullName)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }
}
