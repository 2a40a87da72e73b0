package dev.latchkey.benchmarks.suite;

import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.CallerIdentity;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * What the rate limiter costs on every call (issue 8): {@code GetCallerIdentity} with the tenant
 * owner's token on three servers of the cluster's database, started together: one with limits off,
 * one with the in-process limiter and one with the Redis limiter, both with a limit of 100,000,000 a
 * minute so that nothing is refused and only the limiter's cost is measured; the health check on the
 * limits-off server as the floor. Each round runs the four phases in turn (64 in flight), so that
 * drift on a shared machine hits every setting alike, after a round that is not counted (the limiter
 * servers are younger JVMs than the cluster's); the figures add up the rounds. Targets: the
 * in-process limiter costs at most 5% of the limits-off throughput, Redis at most 25%.
 */
final class RateLimitScenario implements Scenario {
  private static final int IN_FLIGHT = 64;
  private static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    String limit = Long.toString(RequestsPerMinute.MAX);
    String redisUrl = Optional.ofNullable(System.getenv("LATCHKEY_BENCH_REDIS_URL")).filter(u -> !u.isBlank())
        .orElse(DEFAULT_REDIS);
    boolean redis = reachable(redisUrl);
    Map<String, List<String>> limited = new LinkedHashMap<>();
    // Limits off on a server of the same age as the limiters' (the cluster's own may have been
    // driven for minutes by the scenarios before): the JIT has had the same time on all three.
    limited.put("limit-off", List.of("--default-rate-limit", "0"));
    limited.put("limit-local", List.of("--default-rate-limit", limit));
    if (redis) {
      limited.put("limit-redis", List.of("--default-rate-limit", limit, "--redis-url", redisUrl, "--redis-key-prefix",
          "latchkey-bench:" + UUID.randomUUID() + ":"));
    } else {
      run.progress("rate limit: no Redis answers at %s (set LATCHKEY_BENCH_REDIS_URL): its rows are skipped", redisUrl);
    }
    Map<String, ServerCluster.Instance> variants = servers.variants(limited);
    Map<String, ServerCluster.Instance> settings = new LinkedHashMap<>();
    settings.put("limits off", Objects.requireNonNull(variants.get("limit-off")));
    settings.put("in process", Objects.requireNonNull(variants.get("limit-local")));
    if (redis) {
      settings.put("Redis", Objects.requireNonNull(variants.get("limit-redis")));
    }
    ServerCluster.TenantOwner owner = servers.newTenant("rate limit");
    LoadDriver.Call<HealthCheckRequest, HealthCheckResponse> health = new LoadDriver.Call<>(
        Objects.requireNonNull(settings.get("limits off")).channel(), HealthGrpc.getCheckMethod(),
        HealthCheckRequest.getDefaultInstance());
    Map<String, LoadDriver.Call<GetCallerIdentityRequest, CallerIdentity>> identity = new LinkedHashMap<>();
    settings.forEach((setting, instance) -> identity.put(setting, new LoadDriver.Call<>(
        ServerCluster.withToken(instance.channel(), owner.token()), AuthServiceGrpc.getGetCallerIdentityMethod(),
        GetCallerIdentityRequest.getDefaultInstance())));

    int rounds = run.mode().pick(1, 3);
    int warmup = run.mode().pick(1, 5);
    int window = run.mode().pick(2, 10);
    Sum healthSum = new Sum();
    Map<String, Sum> sums = new LinkedHashMap<>();
    identity.keySet().forEach(s -> sums.put(s, new Sum()));
    // A round of every setting first, not counted, so that the JIT has compiled each call path
    // before any of them is measured.
    int settle = run.mode().pick(3, 10);
    run.progress("rate limit: a round not counted: GetCallerIdentity %s, %d in flight, %d s each",
        String.join(", ", identity.keySet()), IN_FLIGHT, settle);
    for (var entry : identity.entrySet()) {
      var _ = LoadDriver.driveOk("GetCallerIdentity, " + entry.getKey(), entry.getValue(), IN_FLIGHT, settle - 1, 1);
    }
    for (int round = 1; round <= rounds; round++) {
      run.progress("rate limit: round %d of %d: health, then GetCallerIdentity %s, %d in flight (%d s + %d s each)",
          round, rounds, String.join(", ", identity.keySet()), IN_FLIGHT, warmup, window);
      healthSum.add(LoadDriver.driveOk("health", health, IN_FLIGHT, warmup, window), 0);
      for (var entry : identity.entrySet()) {
        Sum sum = Objects.requireNonNull(sums.get(entry.getKey()));
        ServerCluster.Instance server = Objects.requireNonNull(settings.get(entry.getKey()));
        long[] cpu = new long[2];
        LoadDriver.Result result = LoadDriver.drive(entry.getValue(), IN_FLIGHT, warmup, window,
            () -> cpu[0] = server.cpuNanos(), () -> cpu[1] = server.cpuNanos());
        LoadDriver.requireNoErrors("GetCallerIdentity, " + entry.getKey(), result);
        sum.add(result, cpu[1] - cpu[0]);
      }
    }

    String rounded = rounds == 1 ? " [1 round]" : " [" + rounds + " rounds]";
    String at = ", " + IN_FLIGHT + " in flight" + rounded;
    Sum off = Objects.requireNonNull(sums.get("limits off"));
    List<Figure> figures = new ArrayList<>();
    figures.add(Figure.absolute("rate-limit.health.calls", "health check (no token), limits-off server" + at,
        healthSum.callsPerSecond(), "calls/s", "baseline"));
    figures.add(Figure.relative("rate-limit.off.calls", "GetCallerIdentity, limits off" + at, off.callsPerSecond(),
        "calls/s", healthSum.callsPerSecond(), "the health check"));
    figures.add(Figure.relative("rate-limit.off.p50", "GetCallerIdentity, limits off p50", off.millis(50), "ms",
        healthSum.millis(50), "p50 of the health check"));
    figures.add(Figure.relative("rate-limit.off.p99", "GetCallerIdentity, limits off p99", off.millis(99), "ms",
        healthSum.millis(99), "p99 of the health check"));
    figures.add(Figure.absolute("rate-limit.off.cpu", "GetCallerIdentity, limits off: server CPU per call",
        off.serverCpuMicrosPerCall(), "us", "baseline (the server JVM's CPU time over calls answered)"));
    figures.addAll(
        limited("local", "in-process limiter", Objects.requireNonNull(sums.get("in process")), off, 0.05, at));
    if (redis) {
      figures.addAll(limited("redis", "Redis limiter", Objects.requireNonNull(sums.get("Redis")), off, 0.25, at));
    } else {
      figures.add(Figure.absolute("rate-limit.redis.calls", "GetCallerIdentity, Redis limiter" + at, Double.NaN,
          "calls/s", "not measured: no Redis answered at " + redisUrl + " (set LATCHKEY_BENCH_REDIS_URL)"));
    }
    return figures;
  }

  /** Throughput (with the target on its cost), p50 and p99 of a limiter, each against limits off. */
  private static List<Figure> limited(String key, String what, Sum measured, Sum off, double maxCost, String at) {
    double ratio = measured.callsPerSecond() / off.callsPerSecond();
    long percent = Math.round(maxCost * 100);
    String target = String.format(Locale.ROOT, "target >= %.2fx (cost <= %d%%): %s", 1 - maxCost, percent,
        Figure.met(ratio >= 1 - maxCost));
    return List.of(
        Figure.relative("rate-limit." + key + ".calls", "GetCallerIdentity, " + what + at, measured.callsPerSecond(),
            "calls/s", off.callsPerSecond(), "limits off").withNote(target),
        Figure.relative("rate-limit." + key + ".p50", "GetCallerIdentity, " + what + " p50", measured.millis(50), "ms",
            off.millis(50), "p50 with limits off"),
        Figure.relative("rate-limit." + key + ".p99", "GetCallerIdentity, " + what + " p99", measured.millis(99), "ms",
            off.millis(99), "p99 with limits off"),
        Figure.relative("rate-limit." + key + ".cpu", "GetCallerIdentity, " + what + ": server CPU per call",
            measured.serverCpuMicrosPerCall(), "us", off.serverCpuMicrosPerCall(), "limits off"));
  }

  /** Whether something accepts a TCP connection at the Redis URL's host and port within 1 s. */
  private static boolean reachable(String redisUrl) {
    try {
      URI uri = URI.create(redisUrl);
      String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
      int port = uri.getPort() < 0 ? 6379 : uri.getPort();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** One phase over the rounds: calls and seconds of the measured windows, all their latencies. */
  private static final class Sum {
    private long calls;
    private double seconds;
    private long serverCpuNanos;
    private final Histogram latencies = new Histogram(3);

    void add(LoadDriver.Result result, long serverCpuNanos) {
      calls += result.calls();
      seconds += result.seconds();
      latencies.add(result.latencies());
      this.serverCpuNanos += serverCpuNanos;
    }

    /** The server JVM's CPU time (all threads) in the measured windows per call answered, in microseconds. */
    double serverCpuMicrosPerCall() {
      return serverCpuNanos / 1e3 / calls;
    }

    double callsPerSecond() {
      return calls / seconds;
    }

    double millis(double percentile) {
      return latencies.getValueAtPercentile(percentile) / 1e6;
    }
  }
}
