package dev.latchkey.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.token.TokenSecret;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.List;
import javax.sql.DataSource;

/** The one root component: everything the server needs, wired from the ports to their adapters. */
@Singleton
@Component(modules = {PersistenceModule.class, UseCaseModule.class, CryptoModule.class, GrpcModule.class,
    WorkerModule.class, RateLimitModule.class, WebhookModule.class})
public interface LatchkeyComponent {
  List<BindableService> services();

  /** In call order: the first one sees the call first. */
  List<ServerInterceptor> interceptors();

  /** In start order; stopped in reverse (see {@link WorkerModule}). */
  List<Worker> workers();

  /** The gRPC health service's state: the database-health worker keeps it current. */
  HealthStatusManager health();

  @Component.Factory
  interface Factory {
    LatchkeyComponent create(
        @BindsInstance DataSource dataSource,
        @BindsInstance Peppers peppers,
        @BindsInstance @Named("operator") TokenSecret operatorToken,
        @BindsInstance InstantSource clock,
        @BindsInstance @Named("defaultRateLimit") RequestsPerMinute defaultRateLimit,
        @BindsInstance RateLimiting rateLimiting,
        @BindsInstance WebhookKeys webhookKeys,
        @BindsInstance WebhookSettings webhookSettings);
  }
}
