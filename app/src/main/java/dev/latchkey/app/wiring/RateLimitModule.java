package dev.latchkey.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.latchkey.app.ratelimit.Bucket4jRateLimiter;
import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.application.service.ChargeRateLimitService;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** The per-principal budgets: in this instance's memory. */
@Module
public interface RateLimitModule {
  /** One per server: the budgets live in it. */
  @Provides
  @Singleton
  static RateLimiter rateLimiter(InstantSource clock) {
    return new Bucket4jRateLimiter(clock);
  }

  @Binds
  ChargeRateLimitUseCase chargeRateLimit(ChargeRateLimitService impl);
}
