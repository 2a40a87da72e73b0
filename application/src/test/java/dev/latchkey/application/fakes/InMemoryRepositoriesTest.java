package dev.latchkey.application.fakes;

class InMemoryRepositoriesTest extends RepositoryContract {
  @Override
  protected Repositories freshRepositories() {
    return new Repositories(
        new InMemoryTenantRepository(),
        new InMemoryRoleRepository(),
        new InMemoryUserRepository(),
        new InMemoryApiTokenRepository(),
        new InMemoryPrivateAppRepository(),
        new InMemoryAuditLog());
  }
}
