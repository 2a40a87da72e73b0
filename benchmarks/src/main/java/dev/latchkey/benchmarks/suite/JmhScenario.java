package dev.latchkey.benchmarks.suite;

import dev.latchkey.benchmarks.BenchDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A scenario measured by JMH: the benchmarks it names run in one JMH run (each in its own forked
 * JVM, as JMH does), with warm-up and measurement lengths by mode; JMH's own output goes to a log
 * file. A subclass names its benchmarks and turns the scores into figures.
 */
public abstract class JmhScenario implements Scenario {
  /** JMH include patterns (regular expressions over {@code class.method} names). */
  protected abstract List<String> includes();

  /** The figures, from the scores (ops per time unit) by benchmark method name. */
  protected abstract List<Figure> figures(Map<String, Double> scores, SuiteRun run);

  /** Warm-up iterations x seconds and measurement iterations x seconds; override to change. */
  protected ChainedOptionsBuilder lengths(ChainedOptionsBuilder options, Mode mode) {
    return mode == Mode.SHORT
        ? options.warmupIterations(2).warmupTime(TimeValue.seconds(2)).measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
        : options.warmupIterations(5).warmupTime(TimeValue.seconds(5)).measurementIterations(5)
            .measurementTime(TimeValue.seconds(3));
  }

  @Override
  public final List<Figure> measure(SuiteRun run) throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(1)
        .threads(1)
        .verbosity(VerboseMode.NORMAL)
        .output(run.logDir().resolve("jmh-" + name() + ".log").toString())
        .shouldFailOnError(true);
    if (!BenchDatabase.usesConfiguredDatabase()) {
      // The forks create their databases where this JVM does (perhaps an embedded server it started).
      // Prepend, not append: append would replace the benchmark classes' own @Fork(jvmArgsAppend).
      options.jvmArgsPrepend("-D" + BenchDatabase.ADMIN_URL_PROPERTY + "=" + BenchDatabase.adminUrl());
    }
    for (String include : includes()) {
      options.include(include);
    }
    run.progress("%s: JMH, one forked JVM per benchmark (log: %s)", name(), run.logDir().resolve("jmh-" + name() + ".log"));
    Collection<RunResult> results = new Runner(lengths(options, run.mode()).build()).run();
    Map<String, Double> scores = results.stream().collect(Collectors.toMap(
        r -> simpleName(r.getParams().getBenchmark()), r -> r.getPrimaryResult().getScore(), (a, b) -> a));
    return figures(scores, run);
  }

  private static String simpleName(String benchmark) {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** The score of {@code method}, or a failure naming what JMH did produce. */
  protected static double score(Map<String, Double> scores, String method) {
    Double score = scores.get(method);
    if (score == null) {
      throw new IllegalStateException("JMH produced no score for " + method + " (got " + scores.keySet() + ")");
    }
    return score;
  }
}
