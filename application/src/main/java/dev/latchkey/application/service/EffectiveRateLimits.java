package dev.latchkey.application.service;

import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The limit in force for each principal: its own, else its tenant's, else the server default; and
 * each tenant's ingest budget. Read
 * from the database and kept per instance like verified tokens: dropped for a tenant when its
 * credentials-change announcement arrives, at most {@link CredentialCache#TIME_TO_LIVE} old, and
 * not kept at all while announcements are not heard.
 */
@Singleton
public final class EffectiveRateLimits implements InvalidateCredentialsUseCase {
  static final int MAX_ENTRIES = 100_000;

  private record Entry(TenantId tenant, RequestsPerMinute limit, Instant expires) {}

  private final RateLimitRepository limits;
  private final RequestsPerMinute serverDefault;
  private final InstantSource clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Bumped by every invalidation; a lookup that sees it move does not store what it read. */
  private final AtomicLong changes = new AtomicLong();
  private volatile boolean listening;

  @Inject
  public EffectiveRateLimits(
      RateLimitRepository limits, @Named("defaultRateLimit") RequestsPerMinute serverDefault, InstantSource clock) {
    this.limits = limits;
    this.serverDefault = serverDefault;
    this.clock = clock;
  }

  /** The limit in force for {@code principal}; zero: not limited (limits are off). */
  public RequestsPerMinute of(Principal.TenantPrincipal principal) {
    return cached(principal.tenantId(), ChargeRateLimitService.budget(principal), () -> RateLimit.effective(
        limits.find(new RateLimitTarget.OfPrincipal(principal.tenantId(), principal.actor())),
        limits.find(new RateLimitTarget.OfTenant(principal.tenantId())),
        serverDefault));
  }

  /**
   * The ingest budget in force for {@code tenant}: the operator's value, else {@link
   * RateLimit#INGEST_DEFAULT}. Not turned off by a server default of zero, which is about API calls.
   */
  public RequestsPerMinute ofIngest(TenantId tenant) {
    return cached(tenant, ChargeRateLimitService.ingestBudget(tenant),
        () -> RateLimit.effectiveIngest(limits.find(new RateLimitTarget.OfIngest(tenant))));
  }

  private RequestsPerMinute cached(TenantId tenant, String key, Supplier<RequestsPerMinute> read) {
    Instant now = clock.instant();
    Entry entry = listening ? entries.get(key) : null;
    if (entry != null && now.isBefore(entry.expires())) {
      return entry.limit();
    }
    long changesBefore = changes.get();
    RequestsPerMinute limit = read.get();
    if (listening && changes.get() == changesBefore) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(tenant, limit, now.plus(CredentialCache.TIME_TO_LIVE)));
      if (changes.get() != changesBefore) {
        entries.remove(key); // an invalidation raced the store: do not keep what may be stale
      }
    }
    return limit;
  }

  @Override
  public void tenantChanged(TenantId tenant) {
    changes.incrementAndGet();
    entries.values().removeIf(entry -> entry.tenant().equals(tenant));
  }

  @Override
  public void listening(boolean nowListening) {
    changes.incrementAndGet();
    entries.clear();
    this.listening = nowListening;
  }
}
