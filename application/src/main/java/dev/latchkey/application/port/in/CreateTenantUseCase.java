package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;

/** Creating a tenant (operator only). */
public interface CreateTenantUseCase {
  /**
   * Creates the tenant, its default roles, its account holder (with the administrator role) and
   * that user's first personal access token, with an audit event for each, in one transaction.
   *
   * @return the tenant, the account holder and the token, whose secret is never available again
   * @throws dev.latchkey.domain.error.PermissionDeniedException unless the caller is the operator
   */
  CreatedTenant createTenant(Principal caller, CreateTenantCommand command);
}
