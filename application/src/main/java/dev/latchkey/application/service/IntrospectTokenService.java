package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.Optional;

/** RFC 7662-style introspection and access checks, on the same path as authentication itself. */
public final class IntrospectTokenService implements IntrospectTokenUseCase {
  private final AuthenticateTokenUseCase authenticate;

  @Inject
  public IntrospectTokenService(AuthenticateTokenUseCase authenticate) {
    this.authenticate = authenticate;
  }

  @Override
  public Optional<CallerIdentity> introspect(Principal caller, String token) {
    Authorization.require(caller, Operation.INTROSPECT_TOKEN);
    return usable(caller, token).map(CallerIdentity::of);
  }

  @Override
  public boolean checkAccess(Principal caller, String token, DataModel model, Action action) {
    Authorization.require(caller, Operation.CHECK_ACCESS);
    return usable(caller, token)
        .filter(p -> p instanceof Principal.TenantPrincipal t && t.allows(model, action))
        .isPresent();
  }

  /** The principal of {@code token} if it is usable and the caller may learn about it. */
  private Optional<Principal> usable(Principal caller, String token) {
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
    };
  }
}
