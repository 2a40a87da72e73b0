package dev.latchkey.app.testing;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * The Redis the tests share: {@code redis://127.0.0.1:6379} ({@code .ci/run} starts one there), or
 * {@code LATCHKEY_TEST_REDIS_URL}. Each test writes under a key prefix of its own, so that test runs
 * in parallel (or a server in development using the same Redis) never see each other's keys.
 */
public final class TestRedis {
  private TestRedis() {}

  public static String url() {
    String url = System.getenv("LATCHKEY_TEST_REDIS_URL");
    return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.strip();
  }

  public static String host() {
    return URI.create(url()).getHost();
  }

  public static int port() {
    int port = URI.create(url()).getPort();
    return port < 0 ? 6379 : port;
  }

  /** A prefix no other test (or test run) uses, e.g. {@code latchkey-test:sharedbudget:4f1c...:}. */
  public static String uniquePrefix(String test) {
    return "latchkey-test:" + test.toLowerCase(Locale.ROOT) + ":" + UUID.randomUUID() + ":";
  }
}
