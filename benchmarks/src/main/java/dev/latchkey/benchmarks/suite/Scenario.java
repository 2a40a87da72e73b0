package dev.latchkey.benchmarks.suite;

import java.util.List;

/**
 * One group of figures measured side by side, so that their ratios hold on any machine. To add a
 * figure: implement this (a few lines; see {@link RequestLogScenario} for one over the real server,
 * {@link TokenCheckScenario} for one from JMH) and add an instance to {@link BenchmarkSuite#SCENARIOS}.
 */
public interface Scenario {
  /** Short name for progress lines and {@code --only}, e.g. {@code token-check}. */
  String name();

  /**
   * Measures and returns the figures, in the order the table shows them. A failure (an exception)
   * is reported as this scenario's failure; the other scenarios still run.
   *
   * @param run the mode, where to write logs, and the servers started so far (shared by scenarios)
   * @throws Exception when the scenario cannot measure (server error, failed calls, lost rows...)
   */
  List<Figure> measure(SuiteRun run) throws Exception;
}
