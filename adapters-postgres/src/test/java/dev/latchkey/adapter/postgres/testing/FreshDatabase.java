package dev.latchkey.adapter.postgres.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.SchemaMigrations;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh, migrated database for one test class. Register it as a static field with
 * {@code @RegisterExtension}; it is created before the class's first test and dropped after its last.
 */
public final class FreshDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private final boolean migrate;
  private String url;
  private HikariDataSource dataSource;

  private FreshDatabase(boolean migrate) {
    this.migrate = migrate;
  }

  /** A database with every migration applied. */
  public static FreshDatabase migrated() {
    return new FreshDatabase(true);
  }

  /** An empty database. */
  public static FreshDatabase empty() {
    return new FreshDatabase(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    url = TestDatabases.createDatabase(context.getRequiredTestClass().getSimpleName());
    dataSource = PostgresDataSources.create(url, null, null, 4);
    if (migrate) {
      SchemaMigrations.migrate(dataSource);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (dataSource != null) {
      dataSource.close();
    }
    if (url != null) {
      TestDatabases.dropDatabase(url);
    }
  }

  public String url() {
    return url;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == FreshDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return this;
  }
}
