package dev.latchkey.application.service;

import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.TokenUsage;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last-use times, coalesced: the hot path only records the newest use per token in memory, and
 * {@link #flush()} (run periodically and at shutdown) writes them in one batch.
 */
public final class CoalescingTokenUsage implements TokenUsage {
  private final ApiTokenRepository tokens;
  private final ConcurrentHashMap<ApiTokenId, Instant> pending = new ConcurrentHashMap<>();

  @Inject
  public CoalescingTokenUsage(ApiTokenRepository tokens) {
    this.tokens = tokens;
  }

  @Override
  public void used(TenantId tenantId, ApiTokenId tokenId, Instant when) {
    pending.merge(tokenId, when, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Writes the uses noted since the last flush; returns how many tokens were updated. */
  public int flush() {
    Map<ApiTokenId, Instant> batch = new HashMap<>();
    for (ApiTokenId id : pending.keySet()) {
      Instant when = pending.remove(id);
      if (when != null) {
        batch.put(id, when);
      }
    }
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      tokens.recordLastUse(batch);
    } catch (RuntimeException e) {
      // Keep them for the next flush rather than lose them; a newer use wins on merge.
      batch.forEach((id, when) -> pending.merge(id, when, (a, b) -> a.isAfter(b) ? a : b));
      throw e;
    }
    return batch.size();
  }
}
