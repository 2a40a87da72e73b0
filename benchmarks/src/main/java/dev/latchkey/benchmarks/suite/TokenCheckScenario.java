package dev.latchkey.benchmarks.suite;

import dev.latchkey.benchmarks.TokenCheckBenchmark;
import java.util.List;
import java.util.Map;

/**
 * The in-process token check ({@link TokenCheckBenchmark}): warm, cold and malformed, each read
 * against a stateless HS256 JWT verified by Nimbus JOSE + JWT in the same JMH run.
 */
final class TokenCheckScenario extends JmhScenario {
  @Override
  public String name() {
    return "token-check";
  }

  @Override
  protected List<String> includes() {
    return List.of(TokenCheckBenchmark.class.getName() + "\\.");
  }

  @Override
  protected List<Figure> figures(Map<String, Double> scores, SuiteRun run) {
    double jwt = score(scores, "jwtHs256");
    String against = "a JWT HS256 check";
    return List.of(
        Figure.relative("token-check.warm", "token check, warm (cache on)", score(scores, "warm"), "ops/s", jwt, against),
        Figure.relative("token-check.cold", "token check, cold (cache off: 1 PostgreSQL read)", score(scores, "cold"),
            "ops/s", jwt, against),
        Figure.relative("token-check.malformed", "malformed token (checksum, no database)", score(scores, "malformed"),
            "ops/s", jwt, against),
        Figure.absolute("token-check.jwt", "JWT HS256 check (Nimbus: parse, verify, expiry)", jwt, "ops/s",
            "stateless baseline: cannot be revoked before it expires"));
  }
}
