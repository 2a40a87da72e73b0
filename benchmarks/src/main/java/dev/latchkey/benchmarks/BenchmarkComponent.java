package dev.latchkey.benchmarks;

import dagger.BindsInstance;
import dagger.Component;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.app.crypto.WebhookKeys;
import dev.latchkey.app.wiring.WebhookModule;
import dev.latchkey.app.wiring.WebhookSettings;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.app.wiring.CryptoModule;
import dev.latchkey.app.wiring.GrpcModule;
import dev.latchkey.app.wiring.LatchkeyComponent;
import dev.latchkey.app.wiring.PersistenceModule;
import dev.latchkey.app.wiring.RateLimitModule;
import dev.latchkey.app.wiring.UseCaseModule;
import dev.latchkey.app.wiring.WorkerModule;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.application.service.CoalescingTokenUsage;
import dev.latchkey.application.service.CredentialCache;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.token.TokenSecret;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The server's own component ({@link LatchkeyComponent}: same modules, same bindings, same scope)
 * plus accessors for the use cases the benchmarks drive, which the server's component does not
 * expose. {@link #requireSameModulesAsServer()} fails fast if the two ever drift apart.
 */
@Singleton
@Component(modules = {PersistenceModule.class, UseCaseModule.class, CryptoModule.class, GrpcModule.class,
    WorkerModule.class, RateLimitModule.class, WebhookModule.class})
public interface BenchmarkComponent extends LatchkeyComponent {
  AuthenticateTokenUseCase authenticateToken();

  CreateTenantUseCase createTenant();

  CreatePrivateAppUseCase createPrivateApp();

  CreateApiTokenUseCase createApiToken();

  SecretGenerator secrets();

  CoalescingTokenUsage tokenUsage();

  CredentialCache credentialCache();

  /** Same signature as {@link LatchkeyComponent.Factory}. */
  @Component.Factory
  interface Factory {
    BenchmarkComponent create(
        @BindsInstance DataSource dataSource,
        @BindsInstance Peppers peppers,
        @BindsInstance @Named("operator") TokenSecret operatorToken,
        @BindsInstance InstantSource clock,
        @BindsInstance @Named("defaultRateLimit") RequestsPerMinute defaultRateLimit,
        @BindsInstance RateLimiting rateLimiting,
        @BindsInstance WebhookKeys webhookKeys,
        @BindsInstance WebhookSettings webhookSettings);
  }

  static BenchmarkComponent create(DataSource dataSource, Peppers peppers, TokenSecret operatorToken, InstantSource clock) {
    requireSameModulesAsServer();
    // The benchmarks drive use cases directly, beneath the rate-limit interceptor: no limits.
    return DaggerBenchmarkComponent.factory().create(dataSource, peppers, operatorToken, clock, RequestsPerMinute.NONE,
        RateLimiting.inProcess(clock),
        WebhookKeys.parse(WebhookKeys.generate(new java.security.SecureRandom()), "benchmark"),
        new WebhookSettings(true, RetrySchedule.STANDARD));
  }

  /** Throws unless this component is built from exactly the modules of the server's component. */
  static void requireSameModulesAsServer() {
    List<Class<?>> server = Arrays.asList(LatchkeyComponent.class.getAnnotation(Component.class).modules());
    List<Class<?>> bench = Arrays.asList(BenchmarkComponent.class.getAnnotation(Component.class).modules());
    if (!server.equals(bench)) {
      throw new IllegalStateException("BenchmarkComponent's modules " + bench + " differ from LatchkeyComponent's "
          + server + ": update benchmarks/src/main/java/dev/latchkey/benchmarks/BenchmarkComponent.java");
    }
  }
}
