package dev.latchkey.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.latchkey.adapter.postgres.JooqRateLimitRepository;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.application.service.ChargeRateLimitService;
import dev.latchkey.application.service.CredentialCache;
import dev.latchkey.application.service.EffectiveRateLimits;
import dev.latchkey.domain.tenant.TenantId;

/**
 * The per-principal budgets (in this instance's memory, or shared through Redis) and the operator's
 * limits (in PostgreSQL).
 */
@Module
public interface RateLimitModule {
  /** One per server, chosen by the server's configuration: the budgets live in it. */
  @Provides
  static RateLimiter rateLimiter(RateLimiting rateLimiting) {
    return rateLimiting.limiter();
  }

  @Binds
  ChargeRateLimitUseCase chargeRateLimit(ChargeRateLimitService impl);

  @Binds
  RateLimitRepository rateLimits(JooqRateLimitRepository impl);

  /**
   * What the credential-change listener tells: both per-instance caches of what a call is allowed,
   * the verified tokens and the effective rate limits, forget the tenant.
   */
  @Provides
  static InvalidateCredentialsUseCase invalidateCredentials(CredentialCache tokens, EffectiveRateLimits limits) {
    return new InvalidateCredentialsUseCase() {
      @Override
      public void tenantChanged(TenantId tenant) {
        tokens.tenantChanged(tenant);
        limits.tenantChanged(tenant);
      }

      @Override
      public void listening(boolean listening) {
        tokens.listening(listening);
        limits.listening(listening);
      }
    };
  }
}
