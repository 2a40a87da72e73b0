package dev.latchkey.benchmarks;

import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token checks per second through {@link AuthenticateTokenUseCase#authenticate}, wired as the server
 * wires it, against a warm PostgreSQL: the four cases a caller can present, with the per-instance
 * cache of verified tokens off (every check queries the database) and on (as in the server once
 * its change listener is connected; nothing changes during the benchmark, so nothing invalidates).
 * Each fork sets up its own fresh database (see {@link BenchDatabase}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dlogback.configurationFile=" + LoadHarness.LOGBACK_CONFIG})
// The database path (jOOQ, pgjdbc) takes ~10 s of calls to reach steady state under C2.
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
public class AuthenticateTokenBenchmark {
  @Param({"off", "on"})
  public String cache;

  private BenchmarkFixture fixture;
  private AuthenticateTokenUseCase authenticate;
  private String personalAccessToken;
  private String privateAppToken;
  private String unknownToken;
  private String malformedToken;

  @Setup(Level.Trial)
  public void setUp() {
    fixture = BenchmarkFixture.start("jmh", cache.equals("on"));
    authenticate = fixture.component().authenticateToken();
    personalAccessToken = fixture.personalAccessToken();
    privateAppToken = fixture.privateAppToken();
    unknownToken = fixture.unknownToken();
    malformedToken = fixture.malformedToken();
  }

  /** The server writes coalesced last-use times every 15 s; do it between iterations, unmeasured. */
  @TearDown(Level.Iteration)
  public void flushLastUse() {
    fixture.component().tokenUsage().flush();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    fixture.close();
  }

  @Benchmark
  public TokenCheck validPersonalAccessToken() {
    return authenticate.authenticate(personalAccessToken);
  }

  @Benchmark
  public TokenCheck validPrivateAppToken() {
    return authenticate.authenticate(privateAppToken);
  }

  @Benchmark
  public TokenCheck unknownWellFormedToken() {
    return authenticate.authenticate(unknownToken);
  }

  @Benchmark
  public TokenCheck malformedToken() {
    return authenticate.authenticate(malformedToken);
  }
}
