package dev.latchkey.app.wiring;

import dagger.Binds;
import dev.latchkey.application.port.in.RotateIngestTokenUseCase;
import dev.latchkey.application.port.in.GetIngestTokenUseCase;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.application.port.in.QueryMetricsUseCase;
import dev.latchkey.application.port.in.TrackActivitiesUseCase;
import dev.latchkey.application.port.in.PushMetricsUseCase;
import dev.latchkey.application.service.RotateIngestTokenService;
import dev.latchkey.application.service.GetIngestTokenService;
import dev.latchkey.application.service.ListActivitiesService;
import dev.latchkey.application.service.QueryMetricsService;
import dev.latchkey.application.service.TrackActivitiesService;
import dev.latchkey.application.service.PushMetricsService;
import dagger.Module;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CreateRecordUseCase;
import dev.latchkey.application.port.in.GetRecordUseCase;
import dev.latchkey.application.port.in.ListRecordsUseCase;
import dev.latchkey.application.port.in.UpdateRecordUseCase;
import dev.latchkey.application.port.in.DeleteRecordUseCase;
import dev.latchkey.application.port.in.BatchUpsertRecordsUseCase;
import dev.latchkey.application.port.in.ListRecordRevisionsUseCase;
import dev.latchkey.application.service.CreateRecordService;
import dev.latchkey.application.service.GetRecordService;
import dev.latchkey.application.service.ListRecordsService;
import dev.latchkey.application.service.UpdateRecordService;
import dev.latchkey.application.service.DeleteRecordService;
import dev.latchkey.application.service.BatchUpsertRecordsService;
import dev.latchkey.application.service.ListRecordRevisionsService;
import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.in.ChangeUserStateUseCase;
import dev.latchkey.application.port.in.CheckAccessUseCase;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.CreateRoleUseCase;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.CreateUserUseCase;
import dev.latchkey.application.port.in.DeleteApiTokenUseCase;
import dev.latchkey.application.port.in.DeletePrivateAppUseCase;
import dev.latchkey.application.port.in.DeleteRoleUseCase;
import dev.latchkey.application.port.in.DeleteUserUseCase;
import dev.latchkey.application.port.in.GetApiTokenUseCase;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.in.GetRateLimitUseCase;
import dev.latchkey.application.port.in.GetRoleUseCase;
import dev.latchkey.application.port.in.GetTenantUseCase;
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
import dev.latchkey.application.port.in.RecordRequestUseCase;
import dev.latchkey.application.port.in.TransferAccountHolderUseCase;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.application.port.in.UpdateRateLimitUseCase;
import dev.latchkey.application.port.in.UpdateRoleUseCase;
import dev.latchkey.application.port.in.UpdateUserUseCase;
import dev.latchkey.application.service.AuthenticateTokenService;
import dev.latchkey.application.service.ChangePrivateAppStateService;
import dev.latchkey.application.service.ChangeUserStateService;
import dev.latchkey.application.service.CheckAccessService;
import dev.latchkey.application.service.CreateApiTokenService;
import dev.latchkey.application.service.CreatePrivateAppService;
import dev.latchkey.application.service.CreateRoleService;
import dev.latchkey.application.service.CreateTenantService;
import dev.latchkey.application.service.CreateUserService;
import dev.latchkey.application.service.DeleteApiTokenService;
import dev.latchkey.application.service.DeletePrivateAppService;
import dev.latchkey.application.service.DeleteRoleService;
import dev.latchkey.application.service.DeleteUserService;
import dev.latchkey.application.service.GetApiTokenService;
import dev.latchkey.application.service.GetCallerIdentityService;
import dev.latchkey.application.service.GetPrivateAppService;
import dev.latchkey.application.service.GetRateLimitService;
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
import dev.latchkey.application.service.TransferAccountHolderService;
import dev.latchkey.application.service.UpdatePrivateAppService;
import dev.latchkey.application.service.UpdateRateLimitService;
import dev.latchkey.application.service.UpdateRoleService;
import dev.latchkey.application.service.UpdateUserService;

/** Each use case and the service that implements it. */
@Module
public interface UseCaseModule {
  @Binds
  AuthenticateTokenUseCase authenticate(AuthenticateTokenService impl);

  @Binds
  RecordRequestUseCase recordRequest(RecordRequestService impl);

  @Binds
  GetRateLimitUseCase getRateLimit(GetRateLimitService impl);

  @Binds
  UpdateRateLimitUseCase updateRateLimit(UpdateRateLimitService impl);

  @Binds
  CreateTenantUseCase createTenant(CreateTenantService impl);

  @Binds
  GetTenantUseCase getTenant(GetTenantService impl);

  @Binds
  ListTenantsUseCase listTenants(ListTenantsService impl);

  @Binds
  GetCallerIdentityUseCase getCallerIdentity(GetCallerIdentityService impl);

  @Binds
  IntrospectTokenUseCase introspectToken(IntrospectTokenService impl);

  @Binds
  CheckAccessUseCase checkAccess(CheckAccessService impl);

  @Binds
  ListDataModelsUseCase listDataModels(ListDataModelsService impl);

  @Binds
  CreatePrivateAppUseCase createPrivateApp(CreatePrivateAppService impl);

  @Binds
  GetPrivateAppUseCase getPrivateApp(GetPrivateAppService impl);

  @Binds
  ListPrivateAppsUseCase listPrivateApps(ListPrivateAppsService impl);

  @Binds
  UpdatePrivateAppUseCase updatePrivateApp(UpdatePrivateAppService impl);

  @Binds
  ChangePrivateAppStateUseCase changePrivateAppState(ChangePrivateAppStateService impl);

  @Binds
  DeletePrivateAppUseCase deletePrivateApp(DeletePrivateAppService impl);

  @Binds
  CreateApiTokenUseCase createApiToken(CreateApiTokenService impl);

  @Binds
  GetApiTokenUseCase getApiToken(GetApiTokenService impl);

  @Binds
  ListApiTokensUseCase listApiTokens(ListApiTokensService impl);

  @Binds
  DeleteApiTokenUseCase deleteApiToken(DeleteApiTokenService impl);

  @Binds
  CreateRoleUseCase createRole(CreateRoleService impl);

  @Binds
  GetRoleUseCase getRole(GetRoleService impl);

  @Binds
  ListRolesUseCase listRoles(ListRolesService impl);

  @Binds
  UpdateRoleUseCase updateRole(UpdateRoleService impl);

  @Binds
  DeleteRoleUseCase deleteRole(DeleteRoleService impl);

  @Binds
  CreateUserUseCase createUser(CreateUserService impl);

  @Binds
  GetUserUseCase getUser(GetUserService impl);

  @Binds
  ListUsersUseCase listUsers(ListUsersService impl);

  @Binds
  UpdateUserUseCase updateUser(UpdateUserService impl);

  @Binds
  ChangeUserStateUseCase changeUserState(ChangeUserStateService impl);

  @Binds
  DeleteUserUseCase deleteUser(DeleteUserService impl);

  @Binds
  TransferAccountHolderUseCase transferAccountHolder(TransferAccountHolderService impl);

  @Binds
  ListAuditEventsUseCase listAuditEvents(ListAuditEventsService impl);

  @Binds
  ListRequestLogsUseCase listRequestLogs(ListRequestLogsService impl);

  @Binds
  RotateIngestTokenUseCase rotateIngestToken(RotateIngestTokenService impl);

  @Binds
  GetIngestTokenUseCase getIngestToken(GetIngestTokenService impl);

  @Binds
  ListActivitiesUseCase listActivities(ListActivitiesService impl);

  @Binds
  QueryMetricsUseCase queryMetrics(QueryMetricsService impl);

  @Binds
  TrackActivitiesUseCase trackActivities(TrackActivitiesService impl);

  @Binds
  PushMetricsUseCase pushMetrics(PushMetricsService impl);

  @Binds
  CreateRecordUseCase createRecord(CreateRecordService impl);

  @Binds
  GetRecordUseCase getRecord(GetRecordService impl);

  @Binds
  ListRecordsUseCase listRecords(ListRecordsService impl);

  @Binds
  UpdateRecordUseCase updateRecord(UpdateRecordService impl);

  @Binds
  DeleteRecordUseCase deleteRecord(DeleteRecordService impl);

  @Binds
  BatchUpsertRecordsUseCase batchUpsertRecords(BatchUpsertRecordsService impl);

  @Binds
  ListRecordRevisionsUseCase listRecordRevisions(ListRecordRevisionsService impl);
}
