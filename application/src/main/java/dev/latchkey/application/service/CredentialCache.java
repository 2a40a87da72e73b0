package dev.latchkey.application.service;

import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Verified tokens of this instance, so that the hot path needs no database query. Entries are
 * dropped when their tenant changes (announced by every change, heard from every instance), when
 * the change listener is down, and at the latest after {@link #TIME_TO_LIVE}.
 *
 * <p>Two counters keep a change committed during a fill from leaving a stale entry behind: a fill
 * stores nothing if any invalidation happened while it looked up (the global change counter, read
 * before the lookup, since the tenant is not known until after it), and an entry records its
 * tenant's generation, so that an invalidation after the store makes it unservable at once.
 */
public final class CredentialCache implements InvalidateCredentialsUseCase {
  /** The upper bound on staleness should an announcement ever be missed; announcements come in ms. */
  public static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
  static final int MAX_ENTRIES = 100_000;
  /** How long a digest found absent from the database is answered without asking it again. */
  public static final Duration ABSENT_TIME_TO_LIVE = Duration.ofSeconds(5);
  static final int MAX_ABSENT = 100_000;

  private record Entry(Principal.TenantPrincipal principal, long tenantGeneration, long flushGeneration,
      Instant expires) {}

  private final InstantSource clock;
  private final ConcurrentHashMap<TokenDigest, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TenantId, AtomicLong> tenantGenerations = new ConcurrentHashMap<>();
  /** Bumped by every invalidation of any kind; a fill that sees it move does not store. */
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong flushes = new AtomicLong();
  /**
   * Digests absent from the database, each with the change counter it was looked up at: any change
   * heard (a token created in any tenant announces one) makes every entry unservable at once.
   */
  private final ConcurrentHashMap<TokenDigest, Absent> absent = new ConcurrentHashMap<>();

  private record Absent(long changeStamp, Instant expires) {}
  private volatile boolean listening;

  public CredentialCache(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * The cached principal of {@code digest}, or else the one {@code lookup} finds, cached if it is
   * a tenant principal and nothing changed meanwhile.
   */
  public Optional<Principal.TenantPrincipal> get(TokenDigest digest, Supplier<Optional<Principal.TenantPrincipal>> lookup) {
    if (!listening) {
      return lookup.get();
    }
    Entry entry = entries.get(digest);
    Instant now = clock.instant();
    if (entry != null) {
      if (isCurrent(entry, now)) {
        return Optional.of(entry.principal());
      }
      entries.remove(digest, entry);
    }
    long changesBefore = changes.get();
    Optional<Principal.TenantPrincipal> found = lookup.get();
    found.ifPresent(principal -> store(digest, principal, changesBefore, now));
    return found;
  }

  /** The change counter now: take it before a lookup whose miss may go to {@link #rememberAbsent}. */
  public long changeStamp() {
    return changes.get();
  }

  /**
   * Whether {@code digest} was found absent from the database a moment ago and nothing changed
   * since. Only absence is remembered, never a refusal because of the owner's state.
   */
  public boolean isKnownAbsent(TokenDigest digest) {
    if (!listening) {
      return false;
    }
    Absent entry = absent.get(digest);
    if (entry == null) {
      return false;
    }
    if (entry.changeStamp() == changes.get() && clock.instant().isBefore(entry.expires())) {
      return true;
    }
    absent.remove(digest, entry);
    return false;
  }

  /**
   * Remembers that no token has {@code digest}, as a lookup that started at {@code changeStamp}
   * found; nothing is remembered if anything changed since or changes are not being heard.
   */
  public void rememberAbsent(TokenDigest digest, long changeStamp) {
    if (!listening || changes.get() != changeStamp) {
      return;
    }
    if (absent.size() >= MAX_ABSENT) {
      absent.clear();
    }
    absent.put(digest, new Absent(changeStamp, clock.instant().plus(ABSENT_TIME_TO_LIVE)));
  }

  private void store(TokenDigest digest, Principal.TenantPrincipal principal, long changesBefore, Instant now) {
    long tenantGeneration = generation(principal.tenantId()).get();
    long flushGeneration = flushes.get();
    if (changes.get() != changesBefore || !listening) {
      return; // something changed while we looked it up: the lookup may be stale
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(digest, new Entry(principal, tenantGeneration, flushGeneration, now.plus(TIME_TO_LIVE)));
  }

  private boolean isCurrent(Entry entry, Instant now) {
    return now.isBefore(entry.expires())
        && entry.flushGeneration() == flushes.get()
        && entry.tenantGeneration() == generation(entry.principal().tenantId()).get();
  }

  private AtomicLong generation(TenantId tenant) {
    return tenantGenerations.computeIfAbsent(tenant, t -> new AtomicLong());
  }

  @Override
  public void tenantChanged(TenantId tenant) {
    // O(1): the tenant's entries become unservable and are dropped when next looked at (or by the
    // size cap), so a burst of changes never delays the invalidations behind it.
    changes.incrementAndGet();
    generation(tenant).incrementAndGet();
  }

  @Override
  public void listening(boolean nowListening) {
    changes.incrementAndGet();
    flushes.incrementAndGet();
    entries.clear();
    absent.clear();
    this.listening = nowListening;
  }

  int size() {
    return entries.size();
  }
}
