package dev.latchkey.adapter.postgres;

import dev.latchkey.application.port.out.Transactions;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/** Database transactions on the adapters' {@link Database}. */
public final class JooqTransactions implements Transactions {
  private final Database database;

  @Inject
  public JooqTransactions(Database database) {
    this.database = database;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return database.inTransaction(work);
  }

  @Override
  public void afterCommit(Runnable action) {
    database.afterCommit(action);
  }
}
