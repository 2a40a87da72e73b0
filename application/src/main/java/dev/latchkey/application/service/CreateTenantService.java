package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.DefaultRoles;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** Creates a tenant with its default roles, account holder and first personal access token. */
public final class CreateTenantService extends AuthorizedService<CreateTenantCommand, CreatedTenant>
    implements CreateTenantUseCase {
  static final DisplayName FIRST_TOKEN_NAME = new DisplayName("Initial token");

  private final Transactions transactions;
  private final TenantRepository tenants;
  private final RoleRepository roles;
  private final UserRepository users;
  private final ApiTokenRepository tokens;
  private final ChangeRecorder changes;
  private final IdGenerator ids;
  private final SecretGenerator secrets;
  private final TokenHasher hasher;
  private final InstantSource clock;

  @Inject
  public CreateTenantService(
      Transactions transactions,
      TenantRepository tenants,
      RoleRepository roles,
      UserRepository users,
      ApiTokenRepository tokens,
      ChangeRecorder changes,
      IdGenerator ids,
      SecretGenerator secrets,
      TokenHasher hasher,
      InstantSource clock) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.roles = roles;
    this.users = users;
    this.tokens = tokens;
    this.changes = changes;
    this.ids = ids;
    this.secrets = secrets;
    this.hasher = hasher;
    this.clock = clock;
  }

  @Override
  protected CreatedTenant run(Principal caller, CreateTenantCommand command) {
    // Hash outside the transaction: it is CPU work that needs no connection.
    TokenSecret secret = secrets.newToken(dev.latchkey.domain.token.TokenKind.PERSONAL);
    var digest = hasher.digest(secret);
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      Tenant tenant = Tenant.create(new TenantId(ids.newId()), command.displayName(), now);
      tenants.insert(tenant);
      changes.record(caller, tenant.id(), now, new ChangeEvent.TenantCreated(tenant));

      List<Role> defaults = DefaultRoles.forNewTenant(tenant.id(), () -> new RoleId(ids.newId()), now);
      for (Role role : defaults) {
        roles.insert(role);
        changes.record(caller, tenant.id(), now, new ChangeEvent.RoleCreated(role));
      }

      User owner = User.accountHolder(
          tenant.id(), new UserId(ids.newId()), command.ownerEmail(), command.ownerDisplayName(),
          defaults.getFirst().id(), now);
      users.insert(owner);
      changes.record(caller, tenant.id(), now, new ChangeEvent.UserCreated(owner));

      ApiToken token = new ApiToken(
          tenant.id(), new ApiTokenId(ids.newId()), owner.ref(), FIRST_TOKEN_NAME, secret.displayPrefix(),
          digest, now, caller.actor(), null);
      tokens.insert(token);
      changes.record(caller, tenant.id(), now, new ChangeEvent.ApiTokenCreated(token));

      return new CreatedTenant(tenant, owner, new IssuedToken(token, secret));
    });
  }
}
