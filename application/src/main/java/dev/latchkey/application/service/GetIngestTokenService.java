package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetIngestTokenQuery;
import dev.latchkey.application.port.in.GetIngestTokenUseCase;
import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.analytics.IngestTokenView;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** Shows the tenant's ingest token: prefix, creation, last use, and the previous token's expiry. */
public final class GetIngestTokenService extends InTenantService<GetIngestTokenQuery, IngestTokenView>
    implements GetIngestTokenUseCase {
  private final IngestTokenRepository tokens;
  private final InstantSource clock;

  @Inject
  public GetIngestTokenService(IngestTokenRepository tokens, InstantSource clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  protected IngestTokenView handle(Principal.TenantPrincipal caller, GetIngestTokenQuery query) {
    Instant now = clock.instant();
    List<IngestToken> all = tokens.findByTenant(caller.tenantId());
    IngestToken current = all.stream().filter(t -> t.expireTime().isEmpty()).findFirst()
        .orElseThrow(() -> new NotFoundException("the tenant has no ingest token yet: rotate to issue one"));
    Optional<Instant> previous = all.stream()
        .filter(t -> t.expireTime().isPresent() && t.isLiveAt(now))
        .map(t -> t.expireTime().orElseThrow())
        .findFirst();
    return new IngestTokenView(current, previous);
  }
}
