package dev.latchkey.adapter.grpc.support;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenSecret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scripted stand-ins for the use cases the gRPC adapter calls. They record what reached them, so a
 * test can tell whether the adapter called the application at all, and with what.
 */
public final class FakeUseCases
    implements AuthenticateTokenUseCase,
        GetCallerIdentityUseCase,
        ListDataModelsUseCase,
        CreateTenantUseCase,
        GetTenantUseCase,
        ListTenantsUseCase,
        IntrospectTokenUseCase {

  /** Outcome per well-formed token; a well-formed token not in here is {@link TokenCheck.Unknown}. */
  public final Map<String, TokenCheck> tokens = new HashMap<>();
  /** Thrown by {@link #authenticate} when set. */
  public RuntimeException authenticationFailure;
  /** Thrown by every other use case when set. */
  public RuntimeException failure;

  public final List<String> presentedTokens = new ArrayList<>();
  public final List<Principal> callers = new ArrayList<>();
  public final List<CreateTenantCommand> createdTenants = new ArrayList<>();
  public final List<TenantId> tenantLookups = new ArrayList<>();
  public final List<String> tenantPageRequests = new ArrayList<>();

  public final Map<TenantId, Tenant> tenants = new HashMap<>();
  public CreatedTenant nextCreatedTenant;
  public Page<Tenant> nextTenantPage = new Page<>(List.of(), Optional.empty());
  public List<DataModel> dataModels = List.of(DataModel.values());

  /** Registers {@code token} as standing for {@code principal}. */
  public FakeUseCases accept(String token, Principal principal) {
    tokens.put(token, new TokenCheck.Valid(principal));
    return this;
  }

  @Override
  public TokenCheck authenticate(String presented) {
    presentedTokens.add(presented);
    if (authenticationFailure != null) {
      throw authenticationFailure;
    }
    // Like the real use case: shape and checksum first, then the lookup.
    if (TokenSecret.parse(presented).isEmpty()) {
      return new TokenCheck.Malformed();
    }
    return tokens.getOrDefault(presented, new TokenCheck.Unknown());
  }

  @Override
  public Optional<CallerIdentity> introspect(Principal caller, String token) {
    enter(caller);
    return tokens.get(token) instanceof TokenCheck.Valid(Principal subject)
        ? Optional.of(CallerIdentity.of(subject)) : Optional.empty();
  }

  @Override
  public boolean checkAccess(Principal caller, String token, DataModel model,
      dev.latchkey.domain.permission.Action action) {
    enter(caller);
    return tokens.get(token) instanceof TokenCheck.Valid(Principal.TenantPrincipal subject)
        && subject.allows(model, action);
  }

  @Override
  public CallerIdentity getCallerIdentity(Principal caller) {
    enter(caller);
    return CallerIdentity.of(caller);
  }

  @Override
  public List<DataModel> listDataModels(Principal caller) {
    enter(caller);
    return dataModels;
  }

  @Override
  public CreatedTenant createTenant(Principal caller, CreateTenantCommand command) {
    enter(caller);
    createdTenants.add(command);
    return nextCreatedTenant;
  }

  @Override
  public Tenant getTenant(Principal caller, TenantId id) {
    enter(caller);
    tenantLookups.add(id);
    Tenant tenant = tenants.get(id);
    if (tenant == null) {
      throw new NotFoundException("tenant not found");
    }
    return tenant;
  }

  @Override
  public Page<Tenant> listTenants(Principal caller, int pageSize, String pageToken) {
    enter(caller);
    tenantPageRequests.add(pageSize + ":" + pageToken);
    return nextTenantPage;
  }

  /** How many calls reached a use case other than the token check. */
  public int useCaseCalls() {
    return callers.size();
  }

  private void enter(Principal caller) {
    callers.add(caller);
    if (failure != null) {
      throw failure;
    }
  }
}
