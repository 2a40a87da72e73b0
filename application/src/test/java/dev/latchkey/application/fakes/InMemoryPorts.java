package dev.latchkey.application.fakes;

import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.service.AuthenticateTokenService;
import dev.latchkey.application.service.CreateTenantService;
import dev.latchkey.application.service.GetTenantService;
import dev.latchkey.application.service.ListTenantsService;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;

/**
 * Every out-port as a fake, wired together: the repositories and the audit log take part in {@link
 * #transactions}, time stands still at {@link FixedClock#DEFAULT} unless {@link #clock} is moved.
 */
public final class InMemoryPorts {
  public final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  public final InMemoryRoleRepository roles = new InMemoryRoleRepository();
  public final InMemoryUserRepository users = new InMemoryUserRepository();
  public final InMemoryApiTokenRepository tokens = new InMemoryApiTokenRepository();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final FakeTransactions transactions = new FakeTransactions(tenants, roles, users, tokens, audit);
  public final MutableClock clock = new MutableClock();
  public final SequentialIdGenerator ids = new SequentialIdGenerator();
  public final FakeSecretGenerator secrets = new FakeSecretGenerator();
  public final FakeTokenHasher hasher = new FakeTokenHasher();
  public final FakeOperatorCredentials operator = new FakeOperatorCredentials();

  public CreateTenantService createTenantService() {
    return new CreateTenantService(transactions, tenants, roles, users, tokens, audit, ids, secrets, hasher, clock);
  }

  public AuthenticateTokenService authenticateTokenService() {
    return new AuthenticateTokenService(hasher, operator, tokens, users, roles);
  }

  public GetTenantService getTenantService() {
    return new GetTenantService(tenants);
  }

  public ListTenantsService listTenantsService() {
    return new ListTenantsService(tenants);
  }

  /** A new tenant with its account holder and that user's first token, created by the operator. */
  public CreatedTenant createTenant() {
    return createTenantService().createTenant(Fixtures.operator(), Fixtures.createTenantCommand());
  }

  /** Stores a new token for {@code owner} in {@code tenantId} and returns it with its secret. */
  public IssuedToken issueToken(TenantId tenantId, Actor owner) {
    TokenSecret secret = secrets.newToken(ApiToken.kindFor(owner));
    ApiToken token = new ApiToken(
        tenantId, new ApiTokenId(ids.newId()), owner, new DisplayName("Test token"), secret.displayPrefix(),
        hasher.digest(secret), clock.instant(), owner, null);
    tokens.insert(token);
    return new IssuedToken(token, secret);
  }
}
