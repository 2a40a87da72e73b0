package dev.latchkey.application.port.out;

import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Instant;

/** Notes that a token was used; implementations coalesce the writes instead of writing per call. */
public interface TokenUsage {
  void used(TenantId tenantId, ApiTokenId tokenId, Instant when);
}
