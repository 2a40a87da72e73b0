package dev.latchkey.application.port.in;

/** Turning a presented bearer token into the principal it stands for. */
public interface AuthenticateTokenUseCase {
  /**
   * Checks {@code presented}: format and checksum first (no database access for a malformed one),
   * then the keyed hash against the stored tokens, then the owner's current state and grants.
   *
   * @throws dev.latchkey.domain.error.UnavailableException if the database cannot answer (fail closed)
   */
  TokenCheck authenticate(String presented);

  /**
   * Resolves the user the operator acts for ({@code latchkey-act-as}): {@link TokenCheck.Valid} with
   * that user's current grants and the operator as the means, or {@link TokenCheck.OwnerInactive} for
   * an unknown, deleted or deactivated user or tenant.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException if {@code caller} is not the operator
   */
  TokenCheck actAs(dev.latchkey.domain.principal.Principal caller, dev.latchkey.domain.tenant.TenantId tenant,
      dev.latchkey.domain.user.UserId user);
}
