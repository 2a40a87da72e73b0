package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.IntrospectTokenQuery;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.Optional;

/** RFC 7662-style introspection, on the same path as authentication itself. */
public final class IntrospectTokenService extends AuthorizedService<IntrospectTokenQuery, Optional<CallerIdentity>>
    implements IntrospectTokenUseCase {
  private final AuthenticateTokenUseCase authenticate;
  private final EffectiveRateLimits limits;

  @Inject
  public IntrospectTokenService(AuthenticateTokenUseCase authenticate, EffectiveRateLimits limits) {
    this.authenticate = authenticate;
    this.limits = limits;
  }

  /** The identity behind the token, with the rate limit in force for its principal. */
  @Override
  protected Optional<CallerIdentity> run(Principal caller, IntrospectTokenQuery query) {
    return usable(authenticate, caller, query.token()).map(subject -> subject instanceof Principal.TenantPrincipal p
        ? CallerIdentity.of(p).withRateLimit(limits.of(p))
        : CallerIdentity.of(subject));
  }

  /** The principal of {@code token} if it is usable and {@code caller} may learn about it. */
  static Optional<Principal> usable(AuthenticateTokenUseCase authenticate, Principal caller, String token) {
    if (!(authenticate.authenticate(token) instanceof TokenCheck.Valid(Principal subject))) {
      return Optional.empty();
    }
    return switch (caller) {
      // The operator sees every tenant's tokens, but the operator token itself is not introspectable.
      case Principal.OperatorPrincipal o -> subject instanceof Principal.TenantPrincipal ? Optional.of(subject)
          : Optional.empty();
      // A tenant's services see only that tenant's tokens: another tenant's token is simply inactive.
      case Principal.TenantPrincipal t -> subject instanceof Principal.TenantPrincipal s
          && s.tenantId().equals(t.tenantId()) ? Optional.of(subject) : Optional.empty();
      // Never reached (an ingest token opens nothing but ingestion); it learns nothing.
      case Principal.IngestPrincipal i -> Optional.empty();
    };
  }
}
