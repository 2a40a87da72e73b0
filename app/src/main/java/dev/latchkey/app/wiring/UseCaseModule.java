package dev.latchkey.app.wiring;

import dagger.Binds;
import dagger.Module;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.ManageRolesUseCase;
import dev.latchkey.application.port.in.ManageUsersUseCase;
import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.DeletePrivateAppUseCase;
import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.ListAuditEventsUseCase;
import dev.latchkey.application.port.in.ListPrivateAppsUseCase;
import dev.latchkey.application.port.in.ListRequestLogsUseCase;
import dev.latchkey.application.port.in.ManageApiTokensUseCase;
import dev.latchkey.application.port.in.RecordRequestUseCase;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.application.service.ChangePrivateAppStateService;
import dev.latchkey.application.service.CreateApiTokenService;
import dev.latchkey.application.service.CreatePrivateAppService;
import dev.latchkey.application.service.DeletePrivateAppService;
import dev.latchkey.application.service.GetPrivateAppService;
import dev.latchkey.application.service.IntrospectTokenService;
import dev.latchkey.application.service.ListAuditEventsService;
import dev.latchkey.application.service.ListPrivateAppsService;
import dev.latchkey.application.service.ListRequestLogsService;
import dev.latchkey.application.service.ManageApiTokensService;
import dev.latchkey.application.service.RecordRequestService;
import dev.latchkey.application.service.UpdatePrivateAppService;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.service.AuthenticateTokenService;
import dev.latchkey.application.service.ManageRolesService;
import dev.latchkey.application.service.ManageUsersService;
import dev.latchkey.application.service.CreateTenantService;
import dev.latchkey.application.service.GetCallerIdentityService;
import dev.latchkey.application.service.GetTenantService;
import dev.latchkey.application.service.ListDataModelsService;
import dev.latchkey.application.service.ListTenantsService;

/** Each use case and the service that implements it. */
@Module
public interface UseCaseModule {
  @Binds
  AuthenticateTokenUseCase authenticate(AuthenticateTokenService impl);

  @Binds
  CreateTenantUseCase createTenant(CreateTenantService impl);

  @Binds
  GetTenantUseCase getTenant(GetTenantService impl);

  @Binds
  ListTenantsUseCase listTenants(ListTenantsService impl);

  @Binds
  GetCallerIdentityUseCase getCallerIdentity(GetCallerIdentityService impl);

  @Binds
  ListDataModelsUseCase listDataModels(ListDataModelsService impl);

  @Binds
  ChangePrivateAppStateUseCase changePrivateAppState(ChangePrivateAppStateService impl);

  @Binds
  CreateApiTokenUseCase createApiToken(CreateApiTokenService impl);

  @Binds
  CreatePrivateAppUseCase createPrivateApp(CreatePrivateAppService impl);

  @Binds
  DeletePrivateAppUseCase deletePrivateApp(DeletePrivateAppService impl);

  @Binds
  GetPrivateAppUseCase getPrivateApp(GetPrivateAppService impl);

  @Binds
  IntrospectTokenUseCase introspectToken(IntrospectTokenService impl);

  @Binds
  ListAuditEventsUseCase listAuditEvents(ListAuditEventsService impl);

  @Binds
  ListPrivateAppsUseCase listPrivateApps(ListPrivateAppsService impl);

  @Binds
  ListRequestLogsUseCase listRequestLogs(ListRequestLogsService impl);

  @Binds
  ManageApiTokensUseCase manageApiTokens(ManageApiTokensService impl);

  @Binds
  RecordRequestUseCase recordRequest(RecordRequestService impl);

  @Binds
  UpdatePrivateAppUseCase updatePrivateApp(UpdatePrivateAppService impl);

  @Binds
  ManageRolesUseCase manageRoles(ManageRolesService impl);

  @Binds
  ManageUsersUseCase manageUsers(ManageUsersService impl);
}
