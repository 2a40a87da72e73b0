package dev.latchkey.benchmarks.suite;

import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.Channel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server over Netty (its own JVM, loopback): authenticated {@code GetCallerIdentity} with a
 * personal access token against the unauthenticated health check, at 1, 16 and 64 calls in flight,
 * the two phases back to back at each level. The difference is the price of authentication, the
 * permission check, the request log and the rate-limit bookkeeping on the whole call path.
 */
final class ServerCallsScenario implements Scenario {
  private static final int[] CONCURRENCY = {1, 16, 64};

  @Override
  public String name() {
    return "server-calls";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    Channel channel = servers.instance(0).channel();
    ServerCluster.TenantOwner owner = servers.newTenant("server calls");
    var health = new LoadDriver.Call<>(channel, HealthGrpc.getCheckMethod(), HealthCheckRequest.getDefaultInstance());
    var identity = new LoadDriver.Call<>(ServerCluster.withToken(channel, owner.token()),
        AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance());
    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(2, 15);
    List<Figure> figures = new ArrayList<>();
    for (int inFlight : CONCURRENCY) {
      run.progress("server calls: health and GetCallerIdentity at %d in flight (%d s + %d s each)", inFlight, warmup,
          window);
      LoadDriver.Result base = LoadDriver.driveOk("health", health, inFlight, warmup, window);
      LoadDriver.Result auth = LoadDriver.driveOk("GetCallerIdentity", identity, inFlight, warmup, window);
      String at = ", " + inFlight + " in flight";
      String key = "server.c" + inFlight;
      figures.add(Figure.absolute(key + ".health.calls", "health check (no token)" + at, base.callsPerSecond(),
          "calls/s", "baseline"));
      figures.addAll(compared(key + ".identity", "GetCallerIdentity" + at, auth, base, "the health check" + at));
    }
    return figures;
  }

  /** Throughput, p50 and p99 of {@code measured}, each read against the same figure of {@code baseline}. */
  static List<Figure> compared(String key, String label, LoadDriver.Result measured, LoadDriver.Result baseline,
      String baselineLabel) {
    return List.of(
        Figure.relative(key + ".calls", label, measured.callsPerSecond(), "calls/s", baseline.callsPerSecond(),
            baselineLabel),
        Figure.relative(key + ".p50", label + " p50", measured.millis(50), "ms", baseline.millis(50),
            "p50 of " + baselineLabel),
        Figure.relative(key + ".p99", label + " p99", measured.millis(99), "ms", baseline.millis(99),
            "p99 of " + baselineLabel));
  }
}
