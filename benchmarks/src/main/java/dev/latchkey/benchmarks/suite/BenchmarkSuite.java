package dev.latchkey.benchmarks.suite;

import dev.latchkey.benchmarks.LoadHarness;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/latchkey bench}: runs every {@link Scenario} of {@link #SCENARIOS} in order, prints one
 * table on stdout (progress goes to stderr) and writes it as Markdown and JSON into the results
 * directory: {@code <stamp>-<mode>.md/.json} and {@code latest.md/.json}, logs under {@code logs/<stamp>/}.
 */
public final class BenchmarkSuite {
  /** Every scenario of a run, in table order. A new figure: one small class, one line here. */
  static final List<Scenario> SCENARIOS = List.of(
      new TokenCheckScenario(),
      new ServerCallsScenario(),
      new ResourceServerScenario(),
      new RequestLogScenario(),
      new RevocationScenario(),
      new RateLimitScenario(),
      new RecordsScenario(),
      new WebhooksScenario(),
      new IngestScenario());

  private static final String USAGE = """
      usage: BenchmarkSuite [--short | --full] [--only REGEX] [--results-dir DIR] [--commit SHA] [--command TEXT]
        --short        about 3 minutes: short windows, fewer rounds (the default)
        --full         the figures worth publishing (about 17 minutes on 2 cores)
        --only REGEX   run only the scenarios whose name matches (e.g. 'revocation|request-log')
        --results-dir  where the tables go (default benchmarks/results)
        --commit       the commit measured, for the record (bin/latchkey bench passes it)
        --command      the command line, for the record (bin/latchkey bench passes it)
      scenarios: %s""";

  private BenchmarkSuite() {}

  record Options(Mode mode, Pattern only, Path resultsDir, String commit, String command) {
    static Options parse(String[] args) {
      Mode mode = Mode.SHORT;
      Pattern only = Pattern.compile(".*");
      Path resultsDir = Path.of("benchmarks", "results");
      String commit = "unknown";
      String command = "";
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--short" -> mode = Mode.SHORT;
          case "--full" -> mode = Mode.FULL;
          case "--only" -> only = Pattern.compile(value(args, ++i, arg));
          case "--results-dir" -> resultsDir = Path.of(value(args, ++i, arg));
          case "--commit" -> commit = value(args, ++i, arg);
          case "--command" -> command = value(args, ++i, arg);
          default -> throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      if (command.isEmpty()) {
        command = "BenchmarkSuite " + String.join(" ", args);
      }
      return new Options(mode, only, resultsDir, commit, command);
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) throws IOException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LoadHarness.LOGBACK_CONFIG);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    String names = String.join(", ", SCENARIOS.stream().map(Scenario::name).toList());
    if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
      System.out.println(USAGE.formatted(names));
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE.formatted(names));
      System.exit(2);
      return;
    }
    System.exit(run(options) ? 0 : 1);
  }

  static boolean run(Options options) throws IOException {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
    Path logDir = options.resultsDir().resolve("logs").resolve(stamp);
    Files.createDirectories(logDir);
    List<Scenario> chosen = SCENARIOS.stream().filter(s -> options.only().matcher(s.name()).find()).toList();
    if (chosen.isEmpty()) {
      System.err.println("bench: no scenario matches --only " + options.only());
      return false;
    }
    Map<String, String> facts = facts(options, started);
    facts.forEach((k, v) -> System.err.println("bench: " + k + ": " + v));
    List<Figure> figures = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    try (SuiteRun run = new SuiteRun(options.mode(), logDir)) {
      for (Scenario scenario : chosen) {
        long t0 = System.nanoTime();
        try {
          figures.addAll(scenario.measure(run));
          run.progress("%s: done in %d s", scenario.name(), Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          Path trace = logDir.resolve("failed-" + scenario.name() + ".txt");
          StringWriter stack = new StringWriter();
          e.printStackTrace(new PrintWriter(stack));
          Files.writeString(trace, stack.toString(), StandardCharsets.UTF_8);
          failures.put(scenario.name(), firstLine(e) + " (stack trace: " + trace + ")");
          run.progress("%s: FAILED: %s", scenario.name(), firstLine(e));
          if (Thread.currentThread().isInterrupted()) {
            break;
          }
        }
      }
    }
    facts.put("elapsed", Duration.between(started, Instant.now()).toSeconds() + " s");
    facts.put("load average at the end", loadAverage());
    Report report = new Report(facts, figures, failures);
    System.out.println();
    System.out.print(report.text());
    String base = stamp + "-" + options.mode().name().toLowerCase(Locale.ROOT);
    Path md = options.resultsDir().resolve(base + ".md");
    Path json = options.resultsDir().resolve(base + ".json");
    Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
    Files.writeString(json, report.json(), StandardCharsets.UTF_8);
    Files.copy(md, options.resultsDir().resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(json, options.resultsDir().resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
    System.err.println("bench: wrote " + md + " and " + json + " (also latest.md, latest.json)");
    return failures.isEmpty();
  }

  private static Map<String, String> facts(Options options, Instant started) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("date", started.toString());
    facts.put("commit", options.commit());
    facts.put("mode", options.mode().flag());
    facts.put("command", options.command());
    facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    facts.put("cpu", cpuModel());
    facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    facts.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    // Other work on the machine moves every figure: say how busy it was.
    facts.put("load average at the start", loadAverage());
    return facts;
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ", -1);
      return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)" : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse(message);
  }
}
