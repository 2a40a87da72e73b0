package dev.latchkey.benchmarks.suite;

import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The request log under load: {@code GetCallerIdentity} at 64 in flight with a token used for nothing
 * else, counting that token's {@code request_log} rows in PostgreSQL at the start and the end of the
 * measured window (rows written per second, read against the calls per second of the same window),
 * then, once the writer has drained, comparing every answered call with the rows written: rows lost
 * must be 0.
 */
final class RequestLogScenario implements Scenario {
  private static final int IN_FLIGHT = 64;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "request-log";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    ServerCluster.TenantOwner owner = servers.newTenant("request log");
    ServerCluster.IssuedToken token = servers.newPersonalToken(owner, 0, "request log");
    var call = new LoadDriver.Call<>(ServerCluster.withToken(servers.instance(0).channel(), token.secret()),
        AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance());
    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(3, 15);
    run.progress("request log: GetCallerIdentity at %d in flight (%d s + %d s), counting rows", IN_FLIGHT, warmup,
        window);
    try (Connection db = servers.connect();
        PreparedStatement count = db.prepareStatement("select count(*) from request_log where token_id = ?")) {
      count.setObject(1, UUID.fromString(token.id()));
      long[] rows = new long[2];
      long[] at = new long[2];
      LoadDriver.Result result = LoadDriver.drive(call, IN_FLIGHT, warmup, window,
          () -> {
            at[0] = System.nanoTime();
            rows[0] = rowsOf(count);
          },
          () -> {
            rows[1] = rowsOf(count);
            at[1] = System.nanoTime();
          });
      LoadDriver.requireNoErrors("GetCallerIdentity", result);
      double rowsPerSecond = (rows[1] - rows[0]) / ((at[1] - at[0]) / 1e9);
      long written = awaitRows(count, result.completed());
      long lost = result.completed() - written;
      return List.of(
          Figure.relative("request-log.rows-per-second", "request-log rows written, " + IN_FLIGHT + " in flight",
              rowsPerSecond, "rows/s", result.callsPerSecond(), "calls/s", "GetCallerIdentity calls of the same window"),
          Figure.absolute("request-log.rows-lost", "request-log rows lost (of " + result.completed() + " calls)", (double) lost,
              "rows", lost == 0 ? "must be 0: met" : "must be 0: NOT MET"));
    }
  }

  /** Waits until {@code expected} rows are there (or none arrive for 5 s, at most 30 s); returns the count. */
  private static long awaitRows(PreparedStatement count, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long now = rowsOf(count);
      if (now >= expected || System.nanoTime() > deadline) {
        return now;
      }
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > Duration.ofSeconds(5).toNanos()) {
        return now;
      }
      Thread.sleep(100);
    }
  }

  private static long rowsOf(PreparedStatement count) {
    try (ResultSet rs = count.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count request-log rows", e);
    }
  }
}
