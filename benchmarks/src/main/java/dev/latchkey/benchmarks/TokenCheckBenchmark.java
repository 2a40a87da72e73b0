package dev.latchkey.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The opaque, revocable token check next to a stateless JWT, in one JMH run: {@link
 * AuthenticateTokenUseCase#authenticate} with a private app's token, warm (the per-instance cache of
 * verified tokens on and filled) and cold (cache off: one PostgreSQL read of the token and its owner
 * per check), a malformed token (refused by its checksum, no database), and an HS256 JWT carrying the
 * same facts (tenant, principal, grants) parsed, verified and checked for expiry with Nimbus JOSE +
 * JWT. {@code BenchmarkSuite} runs it; by hand: {@code java -jar latchkey-benchmarks.jar TokenCheck}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dlogback.configurationFile=" + LoadHarness.LOGBACK_CONFIG})
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
public class TokenCheckBenchmark {

  /** A fixture on its own fresh database, the token cache on or off. */
  public abstract static class Fixture {
    private final boolean tokenCache;
    private BenchmarkFixture fixture;
    AuthenticateTokenUseCase authenticate;

    Fixture(boolean tokenCache) {
      this.tokenCache = tokenCache;
    }

    @Setup(Level.Trial)
    public void setUp() {
      fixture = BenchmarkFixture.start(tokenCache ? "warm" : "cold", tokenCache);
      authenticate = fixture.component().authenticateToken();
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

    BenchmarkFixture fixture() {
      return fixture;
    }
  }

  /** Cache on: as in the server once its change listener is connected. */
  @State(Scope.Benchmark)
  public static class Warm extends Fixture {
    public Warm() {
      super(true);
    }
  }

  /** Cache off: every check reads the token and its owner from PostgreSQL. */
  @State(Scope.Benchmark)
  public static class Cold extends Fixture {
    public Cold() {
      super(false);
    }
  }

  /** A signed HS256 JWT with a 256-bit key, valid for an hour, and the verifier a server would keep. */
  @State(Scope.Benchmark)
  public static class Jwt {
    String token;
    MACVerifier verifier;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException, ParseException {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Instant now = Instant.now();
      JWTClaimsSet claims = new JWTClaimsSet.Builder()
          .issuer("https://latchkey.example.com")
          .subject("privateApps/" + UUID.randomUUID())
          .claim("tenant", "tenants/" + UUID.randomUUID())
          .claim("grants", List.of("companies:read,update", "tickets:read"))
          .jwtID(UUID.randomUUID().toString())
          .issueTime(Date.from(now))
          .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
          .build();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(key));
      token = jwt.serialize();
      verifier = new MACVerifier(key);
      if (verify(token, verifier) == null) {
        throw new IllegalStateException("the benchmark JWT does not verify");
      }
    }

    /** Parse, verify the signature, check expiry; the claims of a valid token, else null. */
    static @Nullable JWTClaimsSet verify(String token, MACVerifier verifier) throws ParseException, JOSEException {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return null;
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      return expiry != null && expiry.toInstant().isAfter(Instant.now()) ? claims : null;
    }
  }

  @Benchmark
  public TokenCheck warm(Warm state) {
    return state.authenticate.authenticate(state.fixture().privateAppToken());
  }

  @Benchmark
  public TokenCheck cold(Cold state) {
    return state.authenticate.authenticate(state.fixture().privateAppToken());
  }

  @Benchmark
  public TokenCheck malformed(Cold state) {
    return state.authenticate.authenticate(state.fixture().malformedToken());
  }

  @Benchmark
  public @Nullable JWTClaimsSet jwtHs256(Jwt state) throws ParseException, JOSEException {
    return Jwt.verify(state.token, state.verifier);
  }
}
