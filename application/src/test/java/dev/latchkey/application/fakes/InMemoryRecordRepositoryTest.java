package dev.latchkey.application.fakes;

/** The fake keeps the record repository contract. */
class InMemoryRecordRepositoryTest extends RecordRepositoryContract {
  @Override
  protected Repositories freshRepositories() {
    return new Repositories(new InMemoryTenantRepository(), new InMemoryRecordRepository());
  }
}
