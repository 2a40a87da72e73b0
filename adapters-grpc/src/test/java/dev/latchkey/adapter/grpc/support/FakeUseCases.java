package dev.latchkey.adapter.grpc.support;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.GetIngestTokenUseCase;
import dev.latchkey.application.port.in.IssuedIngestToken;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.application.port.in.PushMetricsUseCase;
import dev.latchkey.application.port.in.QueryMetricsUseCase;
import dev.latchkey.application.port.in.RotateIngestTokenUseCase;
import dev.latchkey.application.port.in.TrackActivitiesUseCase;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestToken;
import dev.latchkey.domain.analytics.IngestTokenView;
import dev.latchkey.application.port.in.AccessDecision;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.in.ChangeUserStateUseCase;
import dev.latchkey.application.port.in.CheckAccessUseCase;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.CreateRecordUseCase;
import dev.latchkey.application.port.in.GetRecordUseCase;
import dev.latchkey.application.port.in.ListRecordsUseCase;
import dev.latchkey.application.port.in.UpdateRecordUseCase;
import dev.latchkey.application.port.in.DeleteRecordUseCase;
import dev.latchkey.application.port.in.BatchUpsertRecordsUseCase;
import dev.latchkey.application.port.in.ListRecordRevisionsUseCase;
import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.in.CreateRecordCommand;
import dev.latchkey.application.port.in.ListRecordsQuery;
import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.application.port.in.CreateRoleCommand;
import dev.latchkey.application.port.in.CreateRoleUseCase;
import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.CreateUserCommand;
import dev.latchkey.application.port.in.CreateUserUseCase;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeleteApiTokenUseCase;
import dev.latchkey.application.port.in.DeletePrivateAppUseCase;
import dev.latchkey.application.port.in.DeleteRoleUseCase;
import dev.latchkey.application.port.in.DeleteUserUseCase;
import dev.latchkey.application.port.in.GetApiTokenUseCase;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.in.GetRoleUseCase;
import dev.latchkey.application.port.in.GetRateLimitUseCase;
import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.in.UpdateRateLimitUseCase;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.application.port.in.GetUserUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.ListApiTokensUseCase;
import dev.latchkey.application.port.in.ListAuditEventsUseCase;
import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.application.port.in.ListPrivateAppsUseCase;
import dev.latchkey.application.port.in.ListRequestLogsUseCase;
import dev.latchkey.application.port.in.ListRolesUseCase;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.port.in.ListUsersUseCase;
import dev.latchkey.application.port.in.Request;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.TransferAccountHolderUseCase;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.port.in.UpdateRoleUseCase;
import dev.latchkey.application.port.in.UpdateUserCommand;
import dev.latchkey.application.port.in.UpdateUserUseCase;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhook;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.in.GetWebhookUseCase;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.in.ListWebhookEventTypesUseCase;
import dev.latchkey.application.port.in.ListWebhooksUseCase;
import dev.latchkey.application.port.in.RotateWebhookSecretUseCase;
import dev.latchkey.application.port.in.TestWebhookUseCase;
import dev.latchkey.application.port.in.UpdateWebhookUseCase;
import dev.latchkey.domain.permission.WebhookEventTypes;
import dev.latchkey.domain.webhook.BasicAuth;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.SigningKeys;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import dev.latchkey.domain.webhook.WebhookUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.time.Instant;

/**
 * Scripted stand-ins for the use cases the gRPC adapter calls. They record what reached them, so a
 * test can tell whether the adapter called the application at all, and with what.
 */
public final class FakeUseCases implements AuthenticateTokenUseCase {

  /** Outcome per well-formed token; a well-formed token not in here is {@link TokenCheck.Unknown}. */
  public final Map<String, TokenCheck> tokens = new HashMap<>();
  /** Thrown by {@link #authenticate} when set. */
  public RuntimeException authenticationFailure;
  /** Thrown by every other use case when set. */
  public RuntimeException failure;

  public final List<String> presentedTokens = new ArrayList<>();
  public final List<Principal> callers = new ArrayList<>();
  /** The operation each request that reached a use case declared, in call order. */
  public final List<Operation> operations = new ArrayList<>();
  public final List<CreateTenantCommand> createdTenants = new ArrayList<>();
  public final List<TenantId> tenantLookups = new ArrayList<>();
  public final List<String> tenantPageRequests = new ArrayList<>();

  public final Map<TenantId, Tenant> tenants = new HashMap<>();
  public CreatedTenant nextCreatedTenant;
  public Page<Tenant> nextTenantPage = new Page<>(List.of(), Optional.empty());
  public List<DataModel> dataModels = List.of(DataModel.values());

  /** Outcome of {@link #actAs} per {@code tenants/{t}/users/{u}}; anyone else is {@link TokenCheck.OwnerInactive}. */
  public final Map<String, TokenCheck> actAsOutcomes = new HashMap<>();
  /** Thrown by {@link #actAs} when set. */
  public RuntimeException actAsFailure;
  /** Who asked to act for whom, as {@code <caller> -> tenants/{t}/users/{u}}. */
  public final List<String> actAsRequests = new ArrayList<>();

  /** Records the record use cases hold, by id; created ones are added. */
  public final Map<RecordId, DataRecord> records = new HashMap<>();
  /** Every record request that reached a use case, in call order. */
  public final List<Request> recordRequests = new ArrayList<>();
  public Page<DataRecord> nextRecordPage = new Page<>(List.of(), Optional.empty());
  public Page<RecordRevision> nextRevisionPage = new Page<>(List.of(), Optional.empty());

  public final Map<RoleId, Role> roles = new HashMap<>();
  public final List<CreateRoleCommand> createdRoles = new ArrayList<>();
  public final List<UpdateRoleCommand> updatedRoles = new ArrayList<>();
  public final List<RoleId> roleLookups = new ArrayList<>();
  public final List<RoleId> deletedRoles = new ArrayList<>();
  public final List<String> rolePageRequests = new ArrayList<>();
  public Page<Role> nextRolePage = new Page<>(List.of(), Optional.empty());

  public final Map<UserId, User> users = new HashMap<>();
  public final List<CreateUserCommand> createdUsers = new ArrayList<>();
  public final List<UpdateUserCommand> updatedUsers = new ArrayList<>();
  public final List<UserId> userLookups = new ArrayList<>();
  /** State changes, as {@code <user id> -> <state>}. */
  public final List<String> userStateChanges = new ArrayList<>();
  public final List<UserId> deletedUsers = new ArrayList<>();
  public final List<UserId> accountHolderTransfers = new ArrayList<>();
  /** List requests, as {@code <size>:<token>:<role or ->:<state or ->}. */
  public final List<String> userPageRequests = new ArrayList<>();
  public Page<User> nextUserPage = new Page<>(List.of(), Optional.empty());

  public final List<RateLimit> updatedRateLimits = new ArrayList<>();

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

  /** Lets the operator act for {@code user}: {@link #actAs} resolves it to this principal. */
  public FakeUseCases actingFor(Principal.TenantPrincipal user) {
    actAsOutcomes.put(actAsName(user.tenantId(), ((Actor.UserRef) user.actor()).id()), new TokenCheck.Valid(user));
    return this;
  }

  public static String actAsName(TenantId tenant, UserId user) {
    return "tenants/" + tenant + "/users/" + user;
  }

  @Override
  public TokenCheck actAs(Principal caller, TenantId tenant, UserId user) {
    String name = actAsName(tenant, user);
    actAsRequests.add(caller.actor().resourceName() + " -> " + name);
    if (actAsFailure != null) {
      throw actAsFailure;
    }
    // Like the real use case: only the operator acts for someone.
    if (!(caller instanceof Principal.OperatorPrincipal)) {
      throw new PermissionDeniedException("only the operator may act for a user");
    }
    return actAsOutcomes.getOrDefault(name, new TokenCheck.OwnerInactive());
  }

  private Optional<CallerIdentity> introspect(Principal caller, String token) {
    enter(caller);
    return tokens.get(token) instanceof TokenCheck.Valid(Principal subject)
        ? Optional.of(CallerIdentity.of(subject)) : Optional.empty();
  }

  private boolean checkAccess(Principal caller, String token, DataModel model,
      dev.latchkey.domain.permission.Action action) {
    enter(caller);
    return tokens.get(token) instanceof TokenCheck.Valid(Principal.TenantPrincipal subject)
        && subject.allows(model, action);
  }

  private CallerIdentity getCallerIdentity(Principal caller) {
    enter(caller);
    return CallerIdentity.of(caller);
  }

  private List<DataModel> listDataModels(Principal caller) {
    enter(caller);
    return dataModels;
  }

  private CreatedTenant createTenant(Principal caller, CreateTenantCommand command) {
    enter(caller);
    createdTenants.add(command);
    return nextCreatedTenant;
  }

  private Tenant getTenant(Principal caller, TenantId id) {
    enter(caller);
    tenantLookups.add(id);
    Tenant tenant = tenants.get(id);
    if (tenant == null) {
      throw new NotFoundException("tenant not found");
    }
    return tenant;
  }

  private Page<Tenant> listTenants(Principal caller, int pageSize, String pageToken) {
    enter(caller);
    tenantPageRequests.add(pageSize + ":" + pageToken);
    return nextTenantPage;
  }

  private Role createRole(Principal caller, CreateRoleCommand command) {
    enter(caller);
    createdRoles.add(command);
    Role role = new Role(tenantOf(caller), new RoleId(UUID.randomUUID()), command.displayName(), command.grants(),
        command.apiAccess(), TestValues.CREATED, TestValues.CREATED, 1);
    roles.put(role.id(), role);
    return role;
  }

  private Role getRole(Principal caller, RoleId id) {
    enter(caller);
    roleLookups.add(id);
    return role(id);
  }

  private Page<Role> listRoles(Principal caller, int pageSize, String pageToken) {
    enter(caller);
    rolePageRequests.add(pageSize + ":" + pageToken);
    return nextRolePage;
  }

  private Role updateRole(Principal caller, UpdateRoleCommand command) {
    enter(caller);
    updatedRoles.add(command);
    Role role = role(command.id());
    if (command.displayName().isPresent()) {
      role = role.withDisplayName(command.displayName().get(), TestValues.UPDATED);
    }
    if (command.grants().isPresent()) {
      role = role.withGrants(command.grants().get(), TestValues.UPDATED);
    }
    if (command.apiAccess().isPresent()) {
      role = role.withApiAccess(command.apiAccess().get(), TestValues.UPDATED);
    }
    roles.put(role.id(), role);
    return role;
  }

  private void deleteRole(Principal caller, RoleId id) {
    enter(caller);
    deletedRoles.add(id);
  }

  private User createUser(Principal caller, CreateUserCommand command) {
    enter(caller);
    createdUsers.add(command);
    User user = User.member(tenantOf(caller), new UserId(UUID.randomUUID()), command.email(), command.displayName(),
        command.role(), TestValues.CREATED);
    users.put(user.id(), user);
    return user;
  }

  private User getUser(Principal caller, UserId id) {
    enter(caller);
    userLookups.add(id);
    return user(id);
  }

  private Page<User> listUsers(Principal caller, int pageSize, String pageToken, Optional<RoleId> role,
      Optional<UserState> state) {
    enter(caller);
    userPageRequests.add(pageSize + ":" + pageToken + ":" + role.map(RoleId::toString).orElse("-") + ":"
        + state.map(UserState::name).orElse("-"));
    return nextUserPage;
  }

  private User updateUser(Principal caller, UpdateUserCommand command) {
    enter(caller);
    updatedUsers.add(command);
    User user = user(command.id());
    if (command.displayName().isPresent()) {
      user = user.withDisplayName(command.displayName().get(), TestValues.UPDATED);
    }
    if (command.role().isPresent()) {
      user = user.withRole(command.role().get(), TestValues.UPDATED);
    }
    users.put(user.id(), user);
    return user;
  }

  private User changeState(Principal caller, UserId id, UserState state) {
    enter(caller);
    userStateChanges.add(id + " -> " + state);
    User user = user(id).withState(state, TestValues.UPDATED);
    users.put(id, user);
    return user;
  }

  private void deleteUser(Principal caller, UserId id) {
    enter(caller);
    deletedUsers.add(id);
  }

  private User transferAccountHolder(Principal caller, UserId to) {
    enter(caller);
    accountHolderTransfers.add(to);
    User user = user(to).withAccountHolder(true, TestValues.UPDATED);
    users.put(to, user);
    return user;
  }

  private Role role(RoleId id) {
    Role role = roles.get(id);
    if (role == null) {
      throw new NotFoundException("role not found");
    }
    return role;
  }

  private User user(UserId id) {
    User user = users.get(id);
    if (user == null) {
      throw new NotFoundException("user not found");
    }
    return user;
  }

  private static TenantId tenantOf(Principal caller) {
    return caller instanceof Principal.TenantPrincipal p ? p.tenantId() : TestValues.tenantId();
  }

  /**
   * The use cases, as the gRPC services get them: each records the operation its request
   * declares, then answers as scripted.
   */
  public CreateTenantUseCase createTenantUseCase() {
    return (caller, c) -> createTenant(seen(caller, c), c);
  }

  public GetTenantUseCase getTenantUseCase() {
    return (caller, q) -> getTenant(seen(caller, q), q.id());
  }

  public ListTenantsUseCase listTenantsUseCase() {
    return (caller, q) -> listTenants(seen(caller, q), q.page().pageSize(), q.page().pageToken());
  }

  public GetCallerIdentityUseCase getCallerIdentityUseCase() {
    return (caller, q) -> getCallerIdentity(seen(caller, q));
  }

  public IntrospectTokenUseCase introspectTokenUseCase() {
    return (caller, q) -> introspect(seen(caller, q), q.token());
  }

  public CheckAccessUseCase checkAccessUseCase() {
    return (caller, q) -> checkAccess(seen(caller, q), q.token(), q.model(), q.action())
        ? new AccessDecision.Allowed() : new AccessDecision.Denied();
  }

  public ListDataModelsUseCase listDataModelsUseCase() {
    return (caller, q) -> listDataModels(seen(caller, q));
  }

  public CreateRoleUseCase createRoleUseCase() {
    return (caller, c) -> createRole(seen(caller, c), c);
  }

  public GetRoleUseCase getRoleUseCase() {
    return (caller, q) -> getRole(seen(caller, q), q.id());
  }

  public ListRolesUseCase listRolesUseCase() {
    return (caller, q) -> listRoles(seen(caller, q), q.page().pageSize(), q.page().pageToken());
  }

  public UpdateRoleUseCase updateRoleUseCase() {
    return (caller, c) -> updateRole(seen(caller, c), c);
  }

  public DeleteRoleUseCase deleteRoleUseCase() {
    return (caller, c) -> {
      deleteRole(seen(caller, c), c.id());
      return null;
    };
  }

  public CreateUserUseCase createUserUseCase() {
    return (caller, c) -> createUser(seen(caller, c), c);
  }

  public GetUserUseCase getUserUseCase() {
    return (caller, q) -> getUser(seen(caller, q), q.id());
  }

  public ListUsersUseCase listUsersUseCase() {
    return (caller, q) -> listUsers(seen(caller, q), q.page().pageSize(), q.page().pageToken(), q.role(), q.state());
  }

  public UpdateUserUseCase updateUserUseCase() {
    return (caller, c) -> updateUser(seen(caller, c), c);
  }

  public ChangeUserStateUseCase changeUserStateUseCase() {
    return (caller, c) -> changeState(seen(caller, c), c.id(), c.state());
  }

  public DeleteUserUseCase deleteUserUseCase() {
    return (caller, c) -> {
      deleteUser(seen(caller, c), c.id());
      return null;
    };
  }

  public TransferAccountHolderUseCase transferAccountHolderUseCase() {
    return (caller, c) -> transferAccountHolder(seen(caller, c), c.to());
  }

  public CreatePrivateAppUseCase createPrivateAppUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return PrivateApp.create(tenantOf(caller), new PrivateAppId(UUID.randomUUID()), c.displayName(),
          c.description(), c.grants(), caller.actor(), TestValues.CREATED);
    };
  }

  public GetPrivateAppUseCase getPrivateAppUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return anyApp(caller, q.id());
    };
  }

  public ListPrivateAppsUseCase listPrivateAppsUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public UpdatePrivateAppUseCase updatePrivateAppUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return anyApp(caller, c.id());
    };
  }

  public ChangePrivateAppStateUseCase changePrivateAppStateUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return anyApp(caller, c.id());
    };
  }

  public DeletePrivateAppUseCase deletePrivateAppUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return null;
    };
  }

  public CreateApiTokenUseCase createApiTokenUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      TokenSecret secret = TestValues.token(ApiToken.kindFor(c.owner()));
      return new IssuedToken(anyToken(caller, c.owner(), new ApiTokenId(UUID.randomUUID()), secret), secret);
    };
  }

  public GetApiTokenUseCase getApiTokenUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return anyToken(caller, q.owner(), q.id(), TestValues.token(ApiToken.kindFor(q.owner())));
    };
  }

  public ListApiTokensUseCase listApiTokensUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public DeleteApiTokenUseCase deleteApiTokenUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return null;
    };
  }

  public ListAuditEventsUseCase listAuditEventsUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public ListRequestLogsUseCase listRequestLogsUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public RotateIngestTokenUseCase rotateIngestTokenUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      TokenSecret secret = TestValues.token(TokenKind.TENANT_INGEST);
      return new IssuedIngestToken(new IngestTokenView(ingestToken(secret), Optional.empty()), secret);
    };
  }

  public GetIngestTokenUseCase getIngestTokenUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new IngestTokenView(ingestToken(TestValues.token(TokenKind.TENANT_INGEST)), Optional.empty());
    };
  }

  private static IngestToken ingestToken(TokenSecret secret) {
    return new IngestToken(TestValues.tenantId(), UUID.randomUUID(), secret.displayPrefix(),
        new TokenDigest("k1", new byte[32]), Instant.EPOCH, Optional.empty(), Optional.empty());
  }

  public ListActivitiesUseCase listActivitiesUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public QueryMetricsUseCase queryMetricsUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return List.of();
    };
  }

  public TrackActivitiesUseCase trackActivitiesUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return new IngestOutcome(c.items().size(), c.malformed());
    };
  }

  public PushMetricsUseCase pushMetricsUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return new IngestOutcome(c.items().size(), c.malformed());
    };
  }

  public GetRateLimitUseCase getRateLimitUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new RateLimit(q.target(), RequestsPerMinute.NONE);
    };
  }

  public UpdateRateLimitUseCase updateRateLimitUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      updatedRateLimits.add(c.rateLimit());
      return c.rateLimit();
    };
  }

  /** Webhook commands that reached the use cases, in call order. */
  public final List<Request> webhookRequests = new ArrayList<>();

  public CreateWebhookUseCase createWebhookUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      webhookRequests.add(c);
      return new CreatedWebhook(anyWebhook(caller, new WebhookId(UUID.randomUUID())), TestValues.SIGNING_SECRET);
    };
  }

  public GetWebhookUseCase getWebhookUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return anyWebhook(caller, q.id());
    };
  }

  public ListWebhooksUseCase listWebhooksUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public UpdateWebhookUseCase updateWebhookUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      webhookRequests.add(c);
      return anyWebhook(caller, c.id());
    };
  }

  public DeleteWebhookUseCase deleteWebhookUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      webhookRequests.add(c);
      return null;
    };
  }

  public TestWebhookUseCase testWebhookUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return new DeliveryAttempt(UUID.randomUUID(), tenantOf(caller), c.id(), UUID.randomUUID(),
          WebhookEvent.TEST_TYPE, 1, TestValues.CREATED, Optional.of(204), Duration.ofMillis(3), "", "");
    };
  }

  public RotateWebhookSecretUseCase rotateWebhookSecretUseCase() {
    return (caller, c) -> {
      enter(seen(caller, c));
      return new CreatedWebhook(anyWebhook(caller, c.id()), TestValues.SIGNING_SECRET);
    };
  }

  public ListWebhookDeliveriesUseCase listWebhookDeliveriesUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return new Page<>(List.of(), Optional.empty());
    };
  }

  public ListWebhookEventTypesUseCase listWebhookEventTypesUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      return WebhookEventTypes.all();
    };
  }

  private static Webhook anyWebhook(Principal caller, WebhookId id) {
    return new Webhook(tenantOf(caller), id, new DisplayName("Hook"), new WebhookUrl("https://hooks.example.com/x"),
        List.of("api_token.created"), Optional.of(new BasicAuth("hooks", "s3cret-password")),
        List.of(new WebhookHeader("X-Api-Key", "hidden-value", true), new WebhookHeader("X-Team", "blue", false)),
        SigningKeys.of(TestValues.SIGNING_SECRET), WebhookState.ENABLED, "", Optional.empty(), TestValues.CREATED,
        TestValues.CREATED, caller.actor(), 1);
  }

  /** Notes the operation {@code request} declares; returns {@code caller}. */
  private Principal seen(Principal caller, Request request) {
    operations.add(request.operation());
    return caller;
  }

  private static PrivateApp anyApp(Principal caller, PrivateAppId id) {
    return new PrivateApp(tenantOf(caller), id, new DisplayName("App"), Description.EMPTY, PrivateAppState.ENABLED,
        PermissionSet.none(), TestValues.CREATED, TestValues.CREATED, caller.actor(), 1);
  }

  private static ApiToken anyToken(Principal caller, Actor owner, ApiTokenId id, TokenSecret secret) {
    return new ApiToken(tenantOf(caller), id, owner, new DisplayName("Token"), secret.displayPrefix(),
        new TokenDigest("k1", new byte[32]), TestValues.CREATED, caller.actor(), null);
  }

  private DataRecord createRecord(Principal caller, CreateRecordCommand command) {
    enter(caller);
    recordRequests.add(command);
    DataRecord record = DataRecord.create(tenantOf(caller), command.dataModel(), new RecordId(UUID.randomUUID()),
        command.externalId(), command.fields(), caller.actor(), TestValues.CREATED, 1).value();
    records.put(record.id(), record);
    return record;
  }

  private DataRecord record(Principal caller, Request request, RecordId id) {
    enter(caller);
    recordRequests.add(request);
    DataRecord record = records.get(id);
    if (record == null) {
      throw new NotFoundException("record not found");
    }
    return record;
  }

  private DataRecord updateRecord(Principal caller, UpdateRecordCommand command) {
    DataRecord current = record(caller, command, command.id());
    DataRecord updated = current.apply(command.patch(), caller.actor(), TestValues.UPDATED, current.sequence() + 1)
        .map(c -> c.value()).orElse(current);
    records.put(updated.id(), updated);
    return updated;
  }

  private Page<DataRecord> listRecords(Principal caller, ListRecordsQuery query) {
    enter(caller);
    recordRequests.add(query);
    return nextRecordPage;
  }

  private BatchUpsertResult batchUpsert(Principal caller, BatchUpsertRecordsCommand command) {
    enter(caller);
    recordRequests.add(command);
    List<DataRecord> made = command.records().stream()
        .map(u -> DataRecord.create(tenantOf(caller), command.dataModel(), new RecordId(UUID.randomUUID()),
            Optional.of(u.externalId()), u.fields(), caller.actor(), TestValues.CREATED, 1).value())
        .toList();
    return new BatchUpsertResult(made, made.size(), 0, 0);
  }

  public CreateRecordUseCase createRecordUseCase() {
    return (caller, c) -> createRecord(seen(caller, c), c);
  }

  public GetRecordUseCase getRecordUseCase() {
    return (caller, q) -> record(seen(caller, q), q, q.id());
  }

  public ListRecordsUseCase listRecordsUseCase() {
    return (caller, q) -> listRecords(seen(caller, q), q);
  }

  public UpdateRecordUseCase updateRecordUseCase() {
    return (caller, c) -> updateRecord(seen(caller, c), c);
  }

  public DeleteRecordUseCase deleteRecordUseCase() {
    return (caller, c) -> records.remove(record(seen(caller, c), c, c.id()).id());
  }

  public BatchUpsertRecordsUseCase batchUpsertRecordsUseCase() {
    return (caller, c) -> batchUpsert(seen(caller, c), c);
  }

  public ListRecordRevisionsUseCase listRecordRevisionsUseCase() {
    return (caller, q) -> {
      enter(seen(caller, q));
      recordRequests.add(q);
      return nextRevisionPage;
    };
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
