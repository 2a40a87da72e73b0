package dev.latchkey.application.port.out;

import java.util.function.Supplier;

/** Runs work in one database transaction: a change and its audit entry commit together or not at all. */
public interface Transactions {
  /**
   * Runs {@code work} in a transaction, committing when it returns and rolling back when it throws
   * (the exception propagates). Nested calls join the outer transaction.
   */
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs {@code action} once the current transaction has committed (not at all if it rolls back);
   * outside a transaction, at once. For effects that must not be seen before the change is.
   */
  void afterCommit(Runnable action);
}
