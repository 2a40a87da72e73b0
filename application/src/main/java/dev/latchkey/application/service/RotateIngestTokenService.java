package dev.latchkey.application.service;

import dev.latchkey.application.port.in.IssuedIngestToken;
import dev.latchkey.application.port.in.RotateIngestTokenCommand;
import dev.latchkey.application.port.in.RotateIngestTokenUseCase;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.analytics.IngestTokenView;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Issues a tenant's new ingest token. The current one becomes the previous one (working until the
 * overlap ends, or not at all for a zero overlap); an older previous one stops at once, so that a
 * tenant never has more than two working ingest tokens.
 */
public final class RotateIngestTokenService extends InTenantService<RotateIngestTokenCommand, IssuedIngestToken>
    implements RotateIngestTokenUseCase {
  private final IngestTokenRepository tokens;
  private final SecretGenerator secrets;
  private final TokenHasher hasher;
  private final IdGenerator ids;
  private final InstantSource clock;
  private final Transactions transactions;
  private final ChangeRecorder recorder;

  @Inject
  public RotateIngestTokenService(
      IngestTokenRepository tokens, SecretGenerator secrets, TokenHasher hasher, IdGenerator ids, InstantSource clock,
      Transactions transactions, ChangeRecorder recorder) {
    this.tokens = tokens;
    this.secrets = secrets;
    this.hasher = hasher;
    this.ids = ids;
    this.clock = clock;
    this.transactions = transactions;
    this.recorder = recorder;
  }

  @Override
  protected IssuedIngestToken handle(Principal.TenantPrincipal caller, RotateIngestTokenCommand command) {
    TokenSecret secret = secrets.newToken(TokenKind.TENANT_INGEST);
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      Optional<Instant> previousExpires = Optional.empty();
      for (IngestToken old : tokens.findByTenant(caller.tenantId())) {
        if (old.expireTime().isEmpty() && !command.overlap().isZero()) {
          previousExpires = Optional.of(now.plus(command.overlap()));
          tokens.expire(old, previousExpires.get());
        } else {
          tokens.delete(old);
        }
      }
      IngestToken token = new IngestToken(caller.tenantId(), ids.newId(), secret.displayPrefix(),
          hasher.digest(secret), now, Optional.empty(), Optional.empty());
      tokens.insert(token);
      recorder.record(caller, caller.tenantId(), now,
          new ChangeEvent.IngestTokenRotated(token.prefix(), command.overlap(), previousExpires));
      return new IssuedIngestToken(new IngestTokenView(token, previousExpires), secret);
    });
  }
}
