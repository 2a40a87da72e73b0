package dev.latchkey.application.port.in;

import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.user.User;

/** A tenant just created, with its account holder and that user's first personal access token. */
public record CreatedTenant(Tenant tenant, User owner, IssuedToken ownerToken) {}
