package dev.latchkey.app.wiring;

import dagger.Module;
import dagger.Provides;
import dev.latchkey.adapter.postgres.AnalyticsPartitions;
import dev.latchkey.adapter.postgres.PostgresCredentialChangeListener;
import dev.latchkey.adapter.postgres.RequestLogPartitions;
import dev.latchkey.adapter.postgres.RequestLogWriter;
import dev.latchkey.app.ratelimit.RateLimiting;
import dev.latchkey.app.server.DatabaseHealth;
import dev.latchkey.app.server.TokenUsageFlusher;
import dev.latchkey.app.server.WebhookDispatchWorker;
import dev.latchkey.application.lifecycle.Worker;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything that runs outside a call, as one explicit ordered list (like the interceptors): a
 * Dagger set would be unordered, and the order matters. The server starts them in this order and
 * stops them in reverse, after the calls in flight have drained. A new worker (outbox dispatcher,
 * retention sweeps) takes its place in this list.
 */
@Module
public interface WorkerModule {
  /**
   * The rate limiter's own work first, if it has any (the Redis heartbeat: connected before the first
   * call, disconnected after the last); database health next (the health service answers from the
   * start); the request log's partitions, the analytics partitions (made ahead, expired ones
   * dropped) and the request log writer next (stopped after every call has queued its entry, the
   * writer writes everything queued); the token-usage flusher (stopped after the last call, it writes the last
   * use times); the credential-change listener last (the token cache turns on only once it hears
   * changes, and off first when the server stops); the webhook dispatcher after it (it needs the
   * database only, and stops first, finishing the attempts in flight).
   */
  @Provides
  @Singleton
  static List<Worker> workers(
      RateLimiting rateLimiting, DatabaseHealth databaseHealth, RequestLogPartitions requestLogPartitions,
      RequestLogWriter requestLogWriter, TokenUsageFlusher tokenUsageFlusher,
      PostgresCredentialChangeListener credentialChangeListener, AnalyticsPartitions analyticsPartitions,
      WebhookDispatchWorker webhookDispatcher) {
    return Stream.concat(rateLimiting.worker().stream(), Stream.of(databaseHealth, requestLogPartitions,
        analyticsPartitions, requestLogWriter, tokenUsageFlusher, credentialChangeListener, webhookDispatcher)).toList();
  }

  @Provides
  @Singleton
  static HealthStatusManager health() {
    return new HealthStatusManager();
  }
}
