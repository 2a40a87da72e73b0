package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.Transactions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs work like a database transaction would: when the work throws, every registered fake gets back
 * the state it had when the outermost transaction began. Transactions run one at a time, so that a
 * rollback never undoes another thread's committed work; nested calls join the outer one.
 */
public final class FakeTransactions implements Transactions {
  private final List<Snapshottable> participants = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Runnable> afterCommit = new java.util.ArrayList<>();
  private int committed;
  private int rolledBack;

  public FakeTransactions(Snapshottable... participants) {
    this.participants.addAll(List.of(participants));
  }

  public FakeTransactions register(Snapshottable participant) {
    participants.add(participant);
    return this;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return work.get();
      }
      List<Runnable> restores = participants.stream().map(Snapshottable::snapshot).toList();
      T result;
      List<Runnable> actions;
      try {
        result = work.get();
        committed++;
        actions = List.copyOf(afterCommit);
        afterCommit.clear();
      } catch (RuntimeException | Error e) {
        afterCommit.clear();
        restores.forEach(Runnable::run);
        rolledBack++;
        throw e;
      }
      // Committed: an action that fails now cannot undo the change (as with the database).
      actions.forEach(Runnable::run);
      return result;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void afterCommit(Runnable action) {
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        afterCommit.add(action);
        return;
      }
    } finally {
      lock.unlock();
    }
    action.run();
  }

  /** How many outermost transactions committed. */
  public int committed() {
    lock.lock();
    try {
      return committed;
    } finally {
      lock.unlock();
    }
  }

  /** How many outermost transactions rolled back. */
  public int rolledBack() {
    lock.lock();
    try {
      return rolledBack;
    } finally {
      lock.unlock();
    }
  }
}
