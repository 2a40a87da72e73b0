package dev.latchkey.app.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.latchkey.adapter.postgres.Database;
import dev.latchkey.adapter.postgres.PostgresCredentialChanges;
import dev.latchkey.adapter.postgres.JooqApiTokenRepository;
import dev.latchkey.adapter.postgres.JooqAuditLog;
import dev.latchkey.adapter.postgres.JooqPrivateAppRepository;
import dev.latchkey.adapter.postgres.JooqRequestLogRepository;
import dev.latchkey.adapter.postgres.JooqIngestTokenRepository;
import dev.latchkey.adapter.postgres.PostgresAnalyticsStore;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.application.port.out.IngestTokenRepository;
import dev.latchkey.adapter.postgres.JooqRecordRepository;
import dev.latchkey.adapter.postgres.JooqRoleRepository;
import dev.latchkey.adapter.postgres.JooqTenantRepository;
import dev.latchkey.adapter.postgres.JooqTransactions;
import dev.latchkey.adapter.postgres.JooqUserRepository;
import dev.latchkey.adapter.postgres.RequestLogQueue;
import dev.latchkey.adapter.postgres.RequestLogWriter;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.application.port.out.CredentialChanges;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.RequestLogRepository;
import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.application.port.out.TokenUsage;
import dev.latchkey.application.service.CoalescingTokenUsage;
import dev.latchkey.application.service.CredentialCache;
import dev.latchkey.application.service.TokenLookups;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import io.grpc.Context;
import io.grpc.Deadline;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** The PostgreSQL adapters behind the persistence ports, and the coalescing of last-use times. */
@Module
public interface PersistenceModule {
  @Provides
  @Singleton
  static Database database(DataSource dataSource) {
    // Statements get at most the remaining deadline of the gRPC call they serve.
    return new Database(dataSource, () -> {
      Deadline deadline = Context.current().getDeadline();
      return deadline == null ? OptionalLong.empty() : OptionalLong.of(deadline.timeRemaining(TimeUnit.MILLISECONDS));
    });
  }

  @Binds
  Transactions transactions(JooqTransactions impl);

  @Binds
  TenantRepository tenants(JooqTenantRepository impl);

  @Binds
  RoleRepository roles(JooqRoleRepository impl);

  @Binds
  RecordRepository records(JooqRecordRepository impl);

  @Binds
  UserRepository users(JooqUserRepository impl);

  @Binds
  ApiTokenRepository tokens(JooqApiTokenRepository impl);

  @Binds
  AuditLog audit(JooqAuditLog impl);

  @Binds
  PrivateAppRepository privateApps(JooqPrivateAppRepository impl);

  @Binds
  RequestLogRepository requestLogs(JooqRequestLogRepository impl);

  @Binds
  IngestTokenRepository ingestTokens(JooqIngestTokenRepository impl);

  @Binds
  AnalyticsStore analytics(PostgresAnalyticsStore impl);

  @Provides
  @Singleton
  static RequestLogQueue requestLogQueue() {
    return new RequestLogQueue(REQUEST_LOG_QUEUE);
  }

  @Binds
  RequestLogSink requestLogSink(RequestLogQueue impl);

  @Provides
  @Singleton
  static RequestLogWriter requestLogWriter(RequestLogQueue queue, Database database, IdGenerator ids) {
    return new RequestLogWriter(queue, database, ids, REQUEST_LOG_BATCH);
  }

  @Provides
  @Singleton
  static CoalescingTokenUsage tokenUsage(ApiTokenRepository tokens) {
    return new CoalescingTokenUsage(tokens);
  }

  @Binds
  TokenUsage tokenUsagePort(CoalescingTokenUsage impl);

  @Binds
  CredentialChanges credentialChanges(PostgresCredentialChanges impl);

  @Provides
  @Singleton
  static CredentialCache credentialCache(InstantSource clock) {
    return new CredentialCache(clock);
  }

  /**
   * Token lookups the cache did not answer may hold half the pool (see LatchkeyServer), so that a
   * flood of made-up tokens leaves connections for the calls of real ones; beyond, they queue.
   */
  @Provides
  @Singleton
  static TokenLookups tokenLookups() {
    return new TokenLookups(8, Duration.ofSeconds(2));
  }

  /** Entries buffered before callers are pushed back; about 5 MB at most. */
  int REQUEST_LOG_QUEUE = 10_000;

  /** Rows per insert statement. */
  int REQUEST_LOG_BATCH = 500;
}
