package dev.latchkey.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.Database;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseHealthTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.empty();

  @Test
  void aReachableDatabaseMeansServing() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    try (DatabaseHealth watcher = new DatabaseHealth(new Database(database.dataSource()), health)) {
      watcher.start();

      assertThat(status(health)).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void anUnreachableDatabaseMeansNotServing() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    try (HikariDataSource down = PostgresDataSources.create("jdbc:postgresql://127.0.0.1:1/none", "postgres", null, 1);
        DatabaseHealth watcher = new DatabaseHealth(new Database(down), health)) {
      watcher.start();

      assertThat(status(health)).isEqualTo(ServingStatus.NOT_SERVING);
    }
  }

  private static ServingStatus status(HealthStatusManager health) throws Exception {
    CompletableFuture<HealthCheckResponse> response = new CompletableFuture<>();
    ((io.grpc.health.v1.HealthGrpc.HealthImplBase) health.getHealthService())
        .check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
          @Override
          public void onNext(HealthCheckResponse value) {
            response.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            response.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return response.get(5, TimeUnit.SECONDS).getStatus();
  }
}
