package dev.latchkey.benchmarks.suite;

import dev.latchkey.benchmarks.BenchDatabase;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreateApiTokenResponse;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Real servers, each {@code latchkey serve} in its own JVM, sharing one fresh PostgreSQL database
 * (see {@link BenchDatabase}), one pepper and one operator token; rate limits off; private webhook
 * targets allowed (the webhooks scenario's receiver is on loopback). Instance 0 starts
 * first (it generates the secrets and migrates), the others join on demand; each is warmed up
 * before a scenario gets it.
 */
public final class ServerCluster implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String[] NAMES = {"a", "b", "c", "d", "e", "f"};

  /** A server, its JVM, and one HTTP/2 connection to it. */
  public record Instance(String name, int port, ManagedChannel channel, ProcessHandle process) {
    /** The CPU time the server's JVM has used so far (all its threads), in nanoseconds. */
    public long cpuNanos() {
      return process.info().totalCpuDuration().orElseThrow(
          () -> new IllegalStateException("the CPU time of server " + name + " cannot be read here")).toNanos();
    }
  }

  /** A tenant of the run: its account holder (all grants) and that user's personal access token. */
  public record TenantOwner(String user, String token) {}

  /** A token created for a scenario. */
  public record IssuedToken(String name, String secret) {
    /** The token's id: the last segment of its resource name, as stored in {@code request_log.token_id}. */
    public String id() {
      return name.substring(name.lastIndexOf('/') + 1);
    }
  }

  private final BenchDatabase database;
  private final Path dataDir;
  private final Path logDir;
  private final SuiteRun run;
  private final List<ServerProcess> processes = new CopyOnWriteArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  private final Map<String, Instance> variants = new LinkedHashMap<>();
  private final Thread killOnExit;
  private String operatorToken = "";
  private @Nullable TenantOwner warmUpOwner;

  private ServerCluster(BenchDatabase database, Path dataDir, Path logDir, SuiteRun run) {
    this.database = database;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.run = run;
    this.killOnExit = new Thread(() -> processes.forEach(ServerProcess::kill), "kill-bench-servers");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  static ServerCluster create(Path logDir, SuiteRun run) throws IOException {
    BenchDatabase database = BenchDatabase.open("suite");
    return new ServerCluster(database, Files.createTempDirectory("latchkey-bench-"), logDir, run);
  }

  synchronized void ensureInstances(int count) throws Exception {
    if (count > NAMES.length) {
      throw new IllegalArgumentException("at most " + NAMES.length + " instances");
    }
    retainOnly(Math.max(count, 1));
    List<Instance> started = new ArrayList<>();
    if (instances.isEmpty()) {
      started.addAll(startAll(1)); // alone: it generates the pepper and operator token, and migrates the database
      operatorToken = Files.readString(dataDir.resolve("operator-token")).strip();
    }
    started.addAll(startAll(count));
    for (Instance instance : started) {
      warmUp(instance);
    }
  }

  /**
   * Stops the variants and the instances after the first {@code count} (SIGTERM: they drain), so
   * that a scenario meets only the servers it asks for, whatever ran before it: an idle server
   * still polls and delivers webhooks from the shared outbox and takes its share of the two cores.
   */
  private void retainOnly(int count) {
    List<Instance> stopping = new ArrayList<>(variants.values());
    variants.clear();
    while (instances.size() > count) {
      stopping.add(instances.removeLast());
    }
    if (stopping.isEmpty()) {
      return;
    }
    run.progress("stopping %d server JVM(s) this scenario does not use", stopping.size());
    for (Instance instance : stopping) {
      instance.channel().shutdownNow();
      List<ServerProcess> its = processes.stream().filter(p -> p.handle().pid() == instance.process().pid()).toList();
      its.forEach(ServerProcess::close);
      processes.removeAll(its);
    }
  }

  /**
   * Both kinds of call at 64 in flight for a few seconds, so that every scenario (also one run alone
   * with {@code --only}) meets a server whose JIT has compiled the call path.
   */
  private void warmUp(Instance instance) throws InterruptedException {
    int seconds = run.mode().pick(4, 10);
    run.progress("warming up server %s (%d s of health checks, %d s of GetCallerIdentity)", instance.name(), seconds,
        seconds);
    if (warmUpOwner == null) {
      warmUpOwner = newTenant("warm-up");
    }
    LoadDriver.driveOk("health", new LoadDriver.Call<>(instance.channel(), HealthGrpc.getCheckMethod(),
        HealthCheckRequest.getDefaultInstance()), 64, seconds, 1);
    LoadDriver.driveOk("GetCallerIdentity", new LoadDriver.Call<>(withToken(instance.channel(), warmUpOwner.token()),
        AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance()), 64, seconds, 1);
  }

  private List<Instance> startAll(int count) throws Exception {
    int first = instances.size();
    if (first >= count) {
      return List.of();
    }
    run.progress("starting %d server JVM(s) on one database", count - first);
    List<ServerProcess> started = new ArrayList<>();
    for (int i = first; i < count; i++) {
      started.add(launch(NAMES[i], List.of("--default-rate-limit", "0")));
    }
    for (ServerProcess process : started) {
      instances.add(connect(process));
    }
    return List.copyOf(instances.subList(first, count));
  }

  private ServerProcess launch(String name, List<String> flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--database-url", database.url(),
        "--data-dir", dataDir.toString(),
        // Every server on the database delivers from the one outbox: all may reach the suite's
        // webhook receiver on loopback (only the webhooks scenario subscribes any).
        "--allow-private-webhook-targets"));
    args.addAll(flags);
    ServerProcess process = ServerProcess.launch(name, args, logDir.resolve("server-" + name + ".log"));
    processes.add(process);
    return process;
  }

  private static Instance connect(ServerProcess process) throws IOException, InterruptedException {
    int port = process.awaitListening();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .directExecutor()
        .build();
    return new Instance(process.name(), port, channel, process.handle());
  }

  /**
   * Servers of their own kind on the same database and secrets as the others, one per entry of
   * {@code flagsByName}, started together (and warmed up) on first use with their flags instead of
   * the cluster's {@code --default-rate-limit 0}, e.g. one with the in-process rate limiter and one
   * with Redis. The same name gives the same server; the flags of a later call with that name are
   * ignored. Returns the servers by name, in the order given.
   */
  public synchronized Map<String, Instance> variants(Map<String, List<String>> flagsByName) throws Exception {
    if (instances.isEmpty()) {
      ensureInstances(1); // instance 0 writes the secrets the variants read
    }
    Map<String, ServerProcess> launched = new LinkedHashMap<>();
    for (var entry : flagsByName.entrySet()) {
      if (!variants.containsKey(entry.getKey())) {
        run.progress("starting server %s (%s) on the same database", entry.getKey(), String.join(" ", entry.getValue()));
        launched.put(entry.getKey(), launch(entry.getKey(), entry.getValue()));
      }
    }
    for (var entry : launched.entrySet()) {
      variants.put(entry.getKey(), connect(entry.getValue()));
    }
    for (String name : launched.keySet()) {
      warmUp(Objects.requireNonNull(variants.get(name)));
    }
    Map<String, Instance> chosen = new LinkedHashMap<>();
    flagsByName.keySet().forEach(name -> chosen.put(name, Objects.requireNonNull(variants.get(name))));
    return chosen;
  }

  public Instance instance(int index) {
    return instances.get(index);
  }

  /** {@code channel} with the token as {@code authorization: Bearer}. */
  public static Channel withToken(Channel channel, String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** A new tenant, created by the operator through instance 0. */
  public TenantOwner newTenant(String displayName) {
    CreateTenantResponse response = TenantServiceGrpc.newBlockingStub(withToken(instance(0).channel(), operatorToken))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(displayName))
            .setOwnerEmail("owner-" + System.nanoTime() + "@bench.example.com")
            .setOwnerDisplayName("Benchmark owner")
            .build());
    return new TenantOwner(response.getOwner().getName(), response.getOwnerTokenSecret());
  }

  /** A new personal access token of the owner, created through instance {@code via}. */
  public IssuedToken newPersonalToken(TenantOwner owner, int via, String displayName) {
    CreateApiTokenResponse response = ApiTokenServiceGrpc.newBlockingStub(withToken(instance(via).channel(), owner.token()))
        .createApiToken(CreateApiTokenRequest.newBuilder()
            .setParent(owner.user())
            .setApiToken(ApiToken.newBuilder().setDisplayName(displayName))
            .build());
    return new IssuedToken(response.getApiToken().getName(), response.getSecret());
  }

  /** Deletes the token through instance {@code via}; returns when the deletion has committed. */
  public void deleteToken(TenantOwner owner, int via, IssuedToken token) {
    var _ = ApiTokenServiceGrpc.newBlockingStub(withToken(instance(via).channel(), owner.token()))
        .deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(token.name()).build());
  }

  /** A JDBC connection to the servers' database, e.g. to count request-log rows. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url());
  }

  /** Closes the connections, stops every server with SIGTERM (they drain), drops the database. */
  @Override
  public void close() {
    List<Instance> all = new ArrayList<>(instances);
    all.addAll(variants.values());
    for (Instance instance : all) {
      instance.channel().shutdownNow();
    }
    for (Instance instance : all) {
      try {
        instance.channel().awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.forEach(ServerProcess::close);
    Runtime.getRuntime().removeShutdownHook(killOnExit);
    database.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      run.progress("could not delete %s: %s", dataDir, String.valueOf(e.getMessage()));
    }
  }
}
