package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.UnavailableException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresErrorsTest {
  @ParameterizedTest
  @ValueSource(strings = {"40001", "40P01"})
  void serializationFailuresAndDeadlocksAreRetryableConflicts(String sqlState) {
    assertThat(PostgresErrors.translate(failure(sqlState))).isInstanceOf(ConflictException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"08006", "08001", "53300", "57P01", "57014"})
  void connectionTroubleAndTimeoutsAreUnavailable(String sqlState) {
    assertThat(PostgresErrors.translate(failure(sqlState))).isInstanceOf(UnavailableException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "42P01", "22001"})
  void anythingElseStaysAnInternalError(String sqlState) {
    DataAccessException failure = failure(sqlState);

    assertThat(PostgresErrors.translate(failure)).isSameAs(failure);
  }

  private static DataAccessException failure(String sqlState) {
    return new DataAccessException("statement failed", new SQLException("boom", sqlState));
  }
}
