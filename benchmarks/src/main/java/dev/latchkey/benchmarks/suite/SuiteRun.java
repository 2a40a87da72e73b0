package dev.latchkey.benchmarks.suite;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a scenario runs with: the mode, a directory for its logs, and the real servers (separate
 * JVMs on one fresh database), started on first use and shared by the scenarios of the run.
 */
public final class SuiteRun implements AutoCloseable {
  private final Mode mode;
  private final Path logDir;
  private @Nullable ServerCluster cluster;

  SuiteRun(Mode mode, Path logDir) {
    this.mode = mode;
    this.logDir = logDir;
  }

  public Mode mode() {
    return mode;
  }

  /** Where scenarios put logs (JMH output, server logs); inside the run's results directory. */
  public Path logDir() {
    return logDir;
  }

  /** A progress line on stderr, so that stdout carries the table. */
  public void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
  }

  /**
   * Exactly {@code instances} servers on one database, the first started on first use; servers an
   * earlier scenario started beyond those (and its variants) are stopped first. Each is {@code
   * latchkey serve} in its own JVM, with rate limits off.
   */
  public ServerCluster servers(int instances) throws Exception {
    if (cluster == null) {
      cluster = ServerCluster.create(logDir, this);
    }
    cluster.ensureInstances(instances);
    return cluster;
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
