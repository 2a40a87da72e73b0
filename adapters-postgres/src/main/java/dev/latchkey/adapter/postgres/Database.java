package dev.latchkey.adapter.postgres;

import dev.latchkey.domain.error.UnavailableException;
import java.util.OptionalLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The adapters' access to PostgreSQL: runs statements in the caller's transaction when there is
 * one, and turns driver failures into the application's error categories.
 */
public final class Database {
  private final DSLContext root;
  private final RemainingTime remaining;
  // Per instance on purpose: a thread may hold transactions on two databases (tests do).
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<DSLContext> transaction = new ThreadLocal<>();
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<java.util.List<Runnable>> afterCommit = new ThreadLocal<>();

  public Database(DataSource dataSource) {
    this(dataSource, RemainingTime.NONE);
  }

  /** A database whose statements are cut short when {@code remaining} says the caller's time is up. */
  public Database(DataSource dataSource, RemainingTime remaining) {
    this.remaining = remaining;
    this.root = DSL.using(new DefaultConfiguration()
        .set(dataSource)
        .set(SQLDialect.POSTGRES)
        .set(new Settings()
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withExecuteLogging(false)
            .withRenderSchema(false))
        .set(new DefaultExecuteListenerProvider(new DeadlineListener())));
  }

  /** Gives each statement at most the caller's remaining time (JDBC counts whole seconds). */
  private final class DeadlineListener implements ExecuteListener {
    @Override
    public void prepareEnd(ExecuteContext ctx) {
      OptionalLong millis = remaining.millis();
      if (millis.isPresent() && ctx.statement() != null) {
        try {
          ctx.statement().setQueryTimeout((int) Math.max(1, Math.ceilDiv(millis.getAsLong(), 1000)));
        } catch (java.sql.SQLException e) {
          throw new DataAccessException("could not set the statement timeout", e);
        }
      }
    }
  }

  /**
   * @throws UnavailableException if the caller's deadline has passed: no statement is started
   */
  private void requireTimeLeft() {
    OptionalLong millis = remaining.millis();
    if (millis.isPresent() && millis.getAsLong() <= 0) {
      throw new UnavailableException("the call's deadline has passed", null);
    }
  }

  /** Runs {@code statements} in the current transaction, or on their own without one. */
  public <T> T run(Function<DSLContext, T> statements) {
    requireTimeLeft();
    DSLContext current = transaction.get();
    try {
      return statements.apply(current != null ? current : root);
    } catch (DataAccessException e) {
      throw PostgresErrors.translate(e);
    }
  }

  <T> T inTransaction(java.util.function.Supplier<T> work) {
    if (transaction.get() != null) {
      return work.get();
    }
    requireTimeLeft();
    java.util.List<Runnable> actions = new java.util.ArrayList<>();
    T result;
    try {
      result = root.transactionResult(configuration -> {
        transaction.set(configuration.dsl());
        afterCommit.set(actions);
        try {
          return work.get();
        } finally {
          transaction.remove();
          afterCommit.remove();
        }
      });
    } catch (DataAccessException e) {
      throw PostgresErrors.translate(e);
    }
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // The change has committed; a failing follow-up must not make it look as if it had not.
        org.slf4j.LoggerFactory.getLogger(Database.class).error("an after-commit action failed", e);
      }
    }
    return result;
  }

  /** Runs {@code action} after the current transaction commits, or at once outside one. */
  void afterCommit(Runnable action) {
    java.util.List<Runnable> actions = afterCommit.get();
    if (actions == null) {
      action.run();
    } else {
      actions.add(action);
    }
  }

  /** Whether the database answers a trivial query now. */
  public boolean isReachable() {
    try {
      return root.selectOne().fetchOne() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
