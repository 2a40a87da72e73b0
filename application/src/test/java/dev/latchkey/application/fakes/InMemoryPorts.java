package dev.latchkey.application.fakes;

import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.service.GetIngestTokenService;
import dev.latchkey.application.service.ListActivitiesService;
import dev.latchkey.application.service.PushMetricsService;
import dev.latchkey.application.service.QueryMetricsService;
import dev.latchkey.application.service.RotateIngestTokenService;
import dev.latchkey.application.service.TrackActivitiesService;
import dev.latchkey.application.service.AuthenticateTokenService;
import dev.latchkey.application.service.ChangePrivateAppStateService;
import dev.latchkey.application.service.ChangeRecorder;
import dev.latchkey.application.service.ChangeUserStateService;
import dev.latchkey.application.service.ChargeRateLimitService;
import dev.latchkey.application.service.CheckAccessService;
import dev.latchkey.application.service.CoalescingTokenUsage;
import dev.latchkey.application.service.CreateApiTokenService;
import dev.latchkey.application.service.CreatePrivateAppService;
import dev.latchkey.application.service.CreateRoleService;
import dev.latchkey.application.service.CreateTenantService;
import dev.latchkey.application.service.CreateUserService;
import dev.latchkey.application.service.CredentialCache;
import dev.latchkey.application.service.DeleteApiTokenService;
import dev.latchkey.application.service.EffectiveRateLimits;
import dev.latchkey.application.service.DeletePrivateAppService;
import dev.latchkey.application.service.DeleteRoleService;
import dev.latchkey.application.service.DeleteUserService;
import dev.latchkey.application.service.GetApiTokenService;
import dev.latchkey.application.service.GetCallerIdentityService;
import dev.latchkey.application.service.GetPrivateAppService;
import dev.latchkey.application.service.GetRateLimitService;
import dev.latchkey.application.service.RateLimitTargets;
import dev.latchkey.application.service.GetRoleService;
import dev.latchkey.application.service.GetTenantService;
import dev.latchkey.application.service.GetUserService;
import dev.latchkey.application.service.IntrospectTokenService;
import dev.latchkey.application.service.ListApiTokensService;
import dev.latchkey.application.service.ListAuditEventsService;
import dev.latchkey.application.service.ListDataModelsService;
import dev.latchkey.application.service.ListPrivateAppsService;
import dev.latchkey.application.service.ListRequestLogsService;
import dev.latchkey.application.service.ListRolesService;
import dev.latchkey.application.service.ListTenantsService;
import dev.latchkey.application.service.ListUsersService;
import dev.latchkey.application.service.RecordRequestService;
import dev.latchkey.application.service.TokenOwners;
import dev.latchkey.application.service.TransferAccountHolderService;
import dev.latchkey.application.service.UpdatePrivateAppService;
import dev.latchkey.application.service.UpdateRateLimitService;
import dev.latchkey.application.service.UpdateRoleService;
import dev.latchkey.application.service.UpdateUserService;
import dev.latchkey.application.service.VersionedUpdate;
import dev.latchkey.application.service.BatchUpsertRecordsService;
import dev.latchkey.application.service.CreateRecordService;
import dev.latchkey.application.service.DeleteRecordService;
import dev.latchkey.application.service.GetRecordService;
import dev.latchkey.application.service.ListRecordRevisionsService;
import dev.latchkey.application.service.ListRecordsService;
import dev.latchkey.application.service.RecordHistory;
import dev.latchkey.application.service.UpdateRecordService;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;

/**
 * Every out-port as a fake, wired together: the repositories and the audit log take part in {@link
 * #transactions} (the request log does not: it is written outside them), time stands still at
 * {@link FixedClock#DEFAULT} unless {@link #clock} is moved, and token uses go to the real {@link
 * CoalescingTokenUsage} over {@link #tokens}, written when a test calls {@code usage.flush()}.
 */
public final class InMemoryPorts {
  public final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  public final InMemoryRoleRepository roles = new InMemoryRoleRepository();
  public final InMemoryUserRepository users = new InMemoryUserRepository();
  public final InMemoryApiTokenRepository tokens = new InMemoryApiTokenRepository();
  public final InMemoryPrivateAppRepository privateApps = new InMemoryPrivateAppRepository();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final InMemoryRequestLogRepository requestLog = new InMemoryRequestLogRepository();
  public final InMemoryRateLimitRepository rateLimits = new InMemoryRateLimitRepository();
  public final InMemoryIngestTokenRepository ingestTokens = new InMemoryIngestTokenRepository();
  public final InMemoryAnalyticsStore analytics = new InMemoryAnalyticsStore();
  public final InMemoryRecordRepository records = new InMemoryRecordRepository();
  /** Announcements of rolled-back transactions are dropped, as PostgreSQL drops their NOTIFY. */
  public final RecordingCredentialChanges credentialChanges = new RecordingCredentialChanges();
  /** Webhook events queued by changes; rolled back with their transaction. */
  public final RecordingWebhookOutbox webhookOutbox = new RecordingWebhookOutbox();
  public final FakeTransactions transactions = new FakeTransactions(
      tenants, roles, users, tokens, privateApps, audit, credentialChanges, rateLimits, records, webhookOutbox);
  public final MutableClock clock = new MutableClock();
  public final SequentialIdGenerator ids = new SequentialIdGenerator();
  public final FakeSecretGenerator secrets = new FakeSecretGenerator();
  public final FakeTokenHasher hasher = new FakeTokenHasher();
  public final FakeOperatorCredentials operator = new FakeOperatorCredentials();
  public final CoalescingTokenUsage usage = new CoalescingTokenUsage(tokens);
  /** Not listening unless a test turns it on: then tests that change the fakes directly must announce it. */
  public final CredentialCache credentialCache = new CredentialCache(clock);
  /** The server default of these fakes: 30 requests a minute. Not listening, like the credential cache. */
  public final FakeRateLimiter rateLimiter = new FakeRateLimiter(clock);
  public final EffectiveRateLimits effectiveRateLimits =
      new EffectiveRateLimits(rateLimits, new RequestsPerMinute(30), clock);

  public CreateTenantService createTenantService() {
    return new CreateTenantService(transactions, tenants, roles, users, tokens, changeRecorder(), ids, secrets, hasher, clock);
  }

  public AuthenticateTokenService authenticateTokenService() {
    return new AuthenticateTokenService(hasher, operator, tokens, users, roles, privateApps, usage, clock,
        credentialCache, ingestTokens);
  }

  public GetTenantService getTenantService() {
    return new GetTenantService(tenants);
  }

  public ListTenantsService listTenantsService() {
    return new ListTenantsService(tenants);
  }

  public GetCallerIdentityService getCallerIdentityService() {
    return new GetCallerIdentityService(effectiveRateLimits);
  }

  public GetRateLimitService getRateLimitService() {
    return new GetRateLimitService(rateLimitTargets(), rateLimits);
  }

  public UpdateRateLimitService updateRateLimitService() {
    return new UpdateRateLimitService(
        rateLimitTargets(), rateLimits, transactions, changeRecorder(), effectiveRateLimits, clock);
  }

  public RateLimitTargets rateLimitTargets() {
    return new RateLimitTargets(tenants, privateApps, users);
  }

  public ListDataModelsService listDataModelsService() {
    return new ListDataModelsService();
  }

  public RotateIngestTokenService rotateIngestTokenService() {
    return new RotateIngestTokenService(ingestTokens, secrets, hasher, ids, clock, transactions, changeRecorder());
  }

  public GetIngestTokenService getIngestTokenService() {
    return new GetIngestTokenService(ingestTokens, clock);
  }

  public ListActivitiesService listActivitiesService() {
    return new ListActivitiesService(analytics);
  }

  public QueryMetricsService queryMetricsService() {
    return new QueryMetricsService(analytics);
  }

  public TrackActivitiesService trackActivitiesService() {
    return new TrackActivitiesService(analytics, transactions, clock);
  }

  public PushMetricsService pushMetricsService() {
    return new PushMetricsService(analytics, transactions, clock);
  }

  public ChangeRecorder changeRecorder() {
    return new ChangeRecorder(audit, ids, credentialChanges, transactions, credentialCache, webhookOutbox);
  }

  public RecordHistory recordHistory() {
    return new RecordHistory(records, changeRecorder());
  }

  public CreateRecordService createRecordService() {
    return new CreateRecordService(transactions, records, recordHistory(), ids, clock);
  }

  public GetRecordService getRecordService() {
    return new GetRecordService(records);
  }

  public ListRecordsService listRecordsService() {
    return new ListRecordsService(records);
  }

  public UpdateRecordService updateRecordService() {
    return new UpdateRecordService(transactions, records, recordHistory(), clock);
  }

  public DeleteRecordService deleteRecordService() {
    return new DeleteRecordService(transactions, records, recordHistory(), clock);
  }

  public BatchUpsertRecordsService batchUpsertRecordsService() {
    return new BatchUpsertRecordsService(transactions, records, recordHistory(), ids, clock);
  }

  public ListRecordRevisionsService listRecordRevisionsService() {
    return new ListRecordRevisionsService(records);
  }

  public VersionedUpdate versionedUpdate() {
    return new VersionedUpdate(transactions, changeRecorder(), clock);
  }

  public TokenOwners tokenOwners() {
    return new TokenOwners(privateApps, users, roles);
  }

  public CreatePrivateAppService createPrivateAppService() {
    return new CreatePrivateAppService(transactions, privateApps, roles, changeRecorder(), ids, clock);
  }

  public GetPrivateAppService getPrivateAppService() {
    return new GetPrivateAppService(privateApps);
  }

  public ListPrivateAppsService listPrivateAppsService() {
    return new ListPrivateAppsService(privateApps);
  }

  public UpdatePrivateAppService updatePrivateAppService() {
    return new UpdatePrivateAppService(privateApps, versionedUpdate());
  }

  public ChangePrivateAppStateService changePrivateAppStateService() {
    return new ChangePrivateAppStateService(privateApps, versionedUpdate());
  }

  public DeletePrivateAppService deletePrivateAppService() {
    return new DeletePrivateAppService(transactions, privateApps, tokens, changeRecorder(), clock);
  }

  public CreateApiTokenService createApiTokenService() {
    return new CreateApiTokenService(
        transactions, tokens, tokenOwners(), changeRecorder(), ids, secrets, hasher, clock);
  }

  public GetApiTokenService getApiTokenService() {
    return new GetApiTokenService(tokens, tokenOwners());
  }

  public ListApiTokensService listApiTokensService() {
    return new ListApiTokensService(tokens, tokenOwners());
  }

  public DeleteApiTokenService deleteApiTokenService() {
    return new DeleteApiTokenService(transactions, tokens, tokenOwners(), changeRecorder(), clock);
  }

  public CreateRoleService createRoleService() {
    return new CreateRoleService(transactions, roles, users, changeRecorder(), ids, clock);
  }

  public GetRoleService getRoleService() {
    return new GetRoleService(roles);
  }

  public ListRolesService listRolesService() {
    return new ListRolesService(roles);
  }

  public UpdateRoleService updateRoleService() {
    return new UpdateRoleService(roles, users, versionedUpdate());
  }

  public DeleteRoleService deleteRoleService() {
    return new DeleteRoleService(transactions, roles, users, changeRecorder(), clock);
  }

  public CreateUserService createUserService() {
    return new CreateUserService(transactions, users, roles, changeRecorder(), ids, clock);
  }

  public GetUserService getUserService() {
    return new GetUserService(users);
  }

  public ListUsersService listUsersService() {
    return new ListUsersService(users);
  }

  public UpdateUserService updateUserService() {
    return new UpdateUserService(users, roles, versionedUpdate());
  }

  public ChangeUserStateService changeUserStateService() {
    return new ChangeUserStateService(users, roles, versionedUpdate());
  }

  public DeleteUserService deleteUserService() {
    return new DeleteUserService(transactions, users, tokens, changeRecorder(), clock);
  }

  public TransferAccountHolderService transferAccountHolderService() {
    return new TransferAccountHolderService(transactions, users, changeRecorder(), clock);
  }

  public CheckAccessService checkAccessService() {
    return new CheckAccessService(authenticateTokenService(), chargeRateLimitService(), requestLog, clock);
  }

  /** Budgets in memory at the fakes' default of 30 a minute, on the fakes' clock. */
  public ChargeRateLimitService chargeRateLimitService() {
    return new ChargeRateLimitService(rateLimiter, effectiveRateLimits);
  }

  public IntrospectTokenService introspectTokenService() {
    return new IntrospectTokenService(authenticateTokenService(), effectiveRateLimits);
  }

  public ListAuditEventsService listAuditEventsService() {
    return new ListAuditEventsService(audit);
  }

  public ListRequestLogsService listRequestLogsService() {
    return new ListRequestLogsService(requestLog, tokenOwners());
  }

  public RecordRequestService recordRequestService() {
    return new RecordRequestService(requestLog);
  }

  /** A new tenant with its account holder and that user's first token, created by the operator. */
  public CreatedTenant createTenant() {
    return createTenantService().execute(Fixtures.operator(), Fixtures.createTenantCommand());
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

  /** Stores a new, enabled private app of {@code tenantId} holding {@code grants}, created now. */
  public PrivateApp storePrivateApp(TenantId tenantId, PermissionSet grants) {
    PrivateApp app = PrivateApp.create(tenantId, new PrivateAppId(ids.newId()), Fixtures.anyDisplayName(),
        Description.EMPTY, grants, new Actor.Operator(), clock.instant());
    privateApps.insert(app);
    return app;
  }

  /**
   * Stores an active team member of {@code tenantId} with a new role of {@code grants} and {@code
   * apiAccess}.
   */
  public User storeMember(TenantId tenantId, PermissionSet grants, boolean apiAccess) {
    Role role = Fixtures.role(tenantId, grants, apiAccess);
    roles.insert(role);
    User member = Fixtures.member(tenantId, role.id());
    users.insert(member);
    return member;
  }

  /**
   * The principal that {@code token} authenticates as now.
   *
   * @throws AssertionError if the token is refused
   */
  public Principal signIn(IssuedToken token) {
    TokenCheck check = authenticateTokenService().authenticate(token.secret().reveal());
    if (!(check instanceof TokenCheck.Valid(Principal principal))) {
      throw new AssertionError("the token was refused: " + check);
    }
    return principal;
  }

  /** A fresh token of {@code owner} and the tenant principal it authenticates as. */
  public Principal.TenantPrincipal signInAs(TenantId tenantId, Actor owner) {
    return (Principal.TenantPrincipal) signIn(issueToken(tenantId, owner));
  }

  /**
   * The principal of user {@code user} of {@code tenantId} when the operator acts for them
   * ({@code latchkey-act-as}).
   *
   * @throws AssertionError if the user may not be acted for
   */
  public Principal.TenantPrincipal actAs(TenantId tenantId, UserId user) {
    TokenCheck check = authenticateTokenService().actAs(Fixtures.operator(), tenantId, user);
    if (!(check instanceof TokenCheck.Valid(Principal principal))) {
      throw new AssertionError("the operator cannot act for " + user + ": " + check);
    }
    return (Principal.TenantPrincipal) principal;
  }
}
