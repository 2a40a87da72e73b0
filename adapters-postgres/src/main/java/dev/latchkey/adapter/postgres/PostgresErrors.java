package dev.latchkey.adapter.postgres;

import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.UnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

/** Sorts database failures into "the database cannot answer" and everything else. */
final class PostgresErrors {
  /**
   * Checked at commit (V4): a tenant keeps a live account holder. The service checks it on its
   * snapshot, so a refusal means a concurrent change (say, a transfer to the user being deleted) won.
   */
  static final String LIVE_ACCOUNT_HOLDER_REQUIRED = "app_user_live_account_holder_required";

  private PostgresErrors() {}

  /**
   * {@link UnavailableException} when the database is unreachable, overloaded, shutting down or
   * too slow; {@link ConflictException} when a concurrent transaction got in the way (a
   * serialization failure, a deadlock, or a commit that would leave a tenant without its account
   * holder); otherwise {@code e} itself, which surfaces as an internal error.
   */
  static RuntimeException translate(DataAccessException e) {
    if (isUnavailable(e)) {
      return new UnavailableException("the database is unavailable", e);
    }
    if (isSerializationFailure(e)) {
      return new ConflictException("a concurrent change got in the way; retry");
    }
    if (violatedConstraint(e, "23514").filter(LIVE_ACCOUNT_HOLDER_REQUIRED::equals).isPresent()) {
      return new ConflictException("the account holder changed concurrently; retry");
    }
    return e;
  }

  /** 40001 serialization failure, 40P01 deadlock: the transaction was rolled back and may be retried. */
  private static boolean isSerializationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** The name of the unique constraint {@code e} violated, if that is what happened. */
  static Optional<String> violatedUniqueConstraint(RuntimeException e) {
    return violatedConstraint(e, "23505");
  }

  /**
   * The constraint {@code e} names, if it failed with {@code sqlState} (e.g. {@code 23503}
   * foreign_key_violation, {@code 23001} restrict_violation, also as raised by a trigger).
   */
  static Optional<String> violatedConstraint(RuntimeException e, String sqlState) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && sqlState.equals(p.getSQLState()) && p.getServerErrorMessage() != null) {
        return Optional.ofNullable(p.getServerErrorMessage().getConstraint());
      }
    }
    return Optional.empty();
  }

  private static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        // 08: connection exceptions; 53: insufficient resources; 57P0x: shutdown / cannot connect now;
        // 57014: statement timeout.
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("57014")) {
          return true;
        }
      }
    }
    return false;
  }
}
