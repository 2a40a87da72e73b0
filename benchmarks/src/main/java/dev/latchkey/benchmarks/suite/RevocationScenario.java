package dev.latchkey.benchmarks.suite;

import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Revocation across instances: three servers (separate JVMs) on one database. Each round creates a
 * personal access token through instance a, makes it warm (cached) on b and c, deletes it through a,
 * and from the moment the delete has answered calls b and c back to back until each refuses the
 * token. The delay is from the delete's answer to the first refusal (that call's round trip
 * included); the per-instance cache's 10 s hard TTL is the bound it is read against.
 */
final class RevocationScenario implements Scenario {
  /** The per-instance token cache's hard TTL: the fallback bound if a notification were lost. */
  private static final Duration HARD_TTL = Duration.ofSeconds(10);
  private static final Duration GIVE_UP = HARD_TTL.plusSeconds(5);
  static final int FULL_ROUNDS = 60;

  @Override
  public String name() {
    return "revocation";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(3);
    ServerCluster.TenantOwner owner = servers.newTenant("revocation");
    int rounds = run.mode().pick(10, FULL_ROUNDS);
    run.progress("revocation: %d rounds, delete through a, wait for b and c to refuse", rounds);
    Histogram delays = new Histogram(3);
    long refusedAtOnce = 0;
    ExecutorService pollers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= rounds; round++) {
        ServerCluster.IssuedToken token = servers.newPersonalToken(owner, 0, "revocation " + round);
        // The creation's own notification drops the tenant's cached entries on b and c: let it pass
        // before warming, so that the delete below is what must evict the token.
        Thread.sleep(100);
        for (int other = 1; other <= 2; other++) {
          for (int i = 0; i < 3; i++) {
            if (!accepted(servers, other, token)) {
              throw new IllegalStateException("a new token was refused by instance " + servers.instance(other).name());
            }
          }
        }
        servers.deleteToken(owner, 0, token);
        long deleted = System.nanoTime();
        List<Future<long[]>> polls = new ArrayList<>();
        for (int other = 1; other <= 2; other++) {
          int instance = other;
          polls.add(pollers.submit(() -> untilRefused(servers, instance, token, deleted)));
        }
        for (Future<long[]> poll : polls) {
          long[] delayAndCalls = poll.get();
          delays.recordValue(delayAndCalls[0]);
          if (delayAndCalls[1] == 1) {
            refusedAtOnce++;
          }
        }
      }
    } finally {
      pollers.shutdownNow();
    }
    long samples = delays.getTotalCount();
    String of = " [" + rounds + " rounds" + (rounds < 50 ? ", --short" : "") + "]";
    double ttl = HARD_TTL.toMillis();
    String bound = "the " + HARD_TTL.toSeconds() + " s hard TTL";
    return List.of(
        Figure.relative("revocation.p50", "revocation delay, 3 instances, p50" + of,
            delays.getValueAtPercentile(50) / 1e6, "ms", ttl, bound),
        Figure.relative("revocation.p99", "revocation delay, 3 instances, p99" + of,
            delays.getValueAtPercentile(99) / 1e6, "ms", ttl, bound),
        Figure.relative("revocation.max", "revocation delay, 3 instances, max" + of,
            delays.getMaxValue() / 1e6, "ms", ttl, bound),
        Figure.absolute("revocation.first-call-refused", "refused on the first call after the delete answered",
            100.0 * refusedAtOnce / samples, "%", refusedAtOnce + " of " + samples + " samples"));
  }

  /** Calls instance {@code index} until it refuses {@code token}: {delay in ns since deleted, calls made}. */
  private static long[] untilRefused(ServerCluster servers, int index, ServerCluster.IssuedToken token, long deleted) {
    long calls = 0;
    while (true) {
      calls++;
      boolean accepted = accepted(servers, index, token);
      long now = System.nanoTime();
      if (!accepted) {
        return new long[] {now - deleted, calls};
      }
      if (now - deleted > GIVE_UP.toNanos()) {
        throw new IllegalStateException("instance " + servers.instance(index).name() + " still accepts a deleted token "
            + GIVE_UP.toSeconds() + " s after the delete");
      }
    }
  }

  private static boolean accepted(ServerCluster servers, int index, ServerCluster.IssuedToken token) {
    try {
      var _ = AuthServiceGrpc.newBlockingStub(ServerCluster.withToken(servers.instance(index).channel(),
          token.secret())).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
        return false;
      }
      throw e;
    }
  }
}
