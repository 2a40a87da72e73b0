package dev.latchkey.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.PostgresCredentialChangeListener;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.SchemaMigrations;
import dev.latchkey.app.crypto.Pepper;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.crypto.SecureRandomSecretGenerator;
import dev.latchkey.application.lifecycle.Workers;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The use cases wired as the server wires them, on a migrated database, with one tenant, a private
 * app and one token of each kind to check. Pool size, clock precision, migrations and the background
 * workers are the server's ({@code LatchkeyServer.start}); without the token cache, the credential
 * listener (which would turn it on) does not run.
 */
public final class BenchmarkFixture implements AutoCloseable {
  /** The server's pool size (see {@code LatchkeyServer.start}). */
  static final int POOL_SIZE = 16;

  /** The server's clock: PostgreSQL keeps microseconds. */
  static final InstantSource DATABASE_PRECISION_CLOCK = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);

  private final BenchDatabase database;
  private final HikariDataSource dataSource;
  private final BenchmarkComponent component;
  private final Workers workers;
  private final String personalAccessToken;
  private final String privateAppToken;
  private final String unknownToken;
  private final String malformedToken;

  private BenchmarkFixture(BenchDatabase database, HikariDataSource dataSource, BenchmarkComponent component,
      Workers workers, String personalAccessToken, String privateAppToken, String unknownToken,
      String malformedToken) {
    this.database = database;
    this.dataSource = dataSource;
    this.component = component;
    this.workers = workers;
    this.personalAccessToken = personalAccessToken;
    this.privateAppToken = privateAppToken;
    this.unknownToken = unknownToken;
    this.malformedToken = malformedToken;
  }

  public static BenchmarkFixture start(String label, boolean tokenCache) {
    BenchDatabase database = BenchDatabase.open(label);
    HikariDataSource dataSource = null;
    Workers workers = null;
    try {
      dataSource = PostgresDataSources.create(database.url(), null, null, POOL_SIZE);
      SchemaMigrations.migrate(dataSource);
      SecureRandom random = new SecureRandom();
      Peppers pepper = Peppers.parse(Pepper.generate(random), "benchmark");
      TokenSecret operatorToken = new SecureRandomSecretGenerator(random).newToken(TokenKind.OPERATOR);
      BenchmarkComponent component =
          BenchmarkComponent.create(dataSource, pepper, operatorToken, DATABASE_PRECISION_CLOCK);
      workers = new Workers(component.workers().stream()
          .filter(worker -> tokenCache || !(worker instanceof PostgresCredentialChangeListener))
          .toList());
      workers.start();
      // Whatever the listener has done so far: on or off from here, until the listener loses its channel.
      component.credentialCache().listening(tokenCache);

      CreatedTenant tenant = component.createTenant().execute(new Principal.OperatorPrincipal(),
          new CreateTenantCommand(new DisplayName("Benchmark tenant"), new EmailAddress("owner@bench.example.com"),
              new DisplayName("Benchmark owner")));
      String personal = tenant.ownerToken().secret().reveal();
      Principal owner = valid(component, personal);
      PrivateApp app = component.createPrivateApp().execute(owner, new CreatePrivateAppCommand(
          new DisplayName("Benchmark app"), Description.EMPTY,
          PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ, Action.UPDATE), Grant.of(DataModel.TICKETS,
              Action.READ)),
          Optional.empty()));
      String appToken = component.createApiToken()
          .execute(owner, new CreateApiTokenCommand(new Actor.PrivateAppRef(app.id()), new DisplayName("benchmark")))
          .secret().reveal();
      valid(component, appToken);
      String unknown = component.secrets().newToken(TokenKind.PERSONAL).reveal();
      // Same shape as a real token, but the checksum does not match: refused before any query.
      char last = unknown.charAt(unknown.length() - 1);
      String malformed = unknown.substring(0, unknown.length() - 1) + (last == 'A' ? 'B' : 'A');
      expect(component, unknown, TokenCheck.Unknown.class);
      expect(component, malformed, TokenCheck.Malformed.class);
      component.tokenUsage().flush();
      return new BenchmarkFixture(database, dataSource, component, workers, personal, appToken, unknown, malformed);
    } catch (RuntimeException e) {
      if (workers != null) {
        workers.stop();
      }
      if (dataSource != null) {
        dataSource.close();
      }
      database.close();
      throw e;
    }
  }

  private static Principal valid(BenchmarkComponent component, String token) {
    return ((TokenCheck.Valid) expect(component, token, TokenCheck.Valid.class)).principal();
  }

  private static TokenCheck expect(BenchmarkComponent component, String token, Class<? extends TokenCheck> expected) {
    TokenCheck check = component.authenticateToken().authenticate(token);
    if (!expected.isInstance(check)) {
      throw new IllegalStateException("expected " + expected.getSimpleName() + " but got " + check);
    }
    return check;
  }

  public BenchmarkComponent component() {
    return component;
  }

  public String databaseUrl() {
    return database.url();
  }

  public String personalAccessToken() {
    return personalAccessToken;
  }

  public String privateAppToken() {
    return privateAppToken;
  }

  public String unknownToken() {
    return unknownToken;
  }

  public String malformedToken() {
    return malformedToken;
  }

  @Override
  public void close() {
    try {
      workers.stop(); // in reverse order; the flusher writes the last-use times
    } finally {
      dataSource.close();
      database.close();
    }
  }
}
