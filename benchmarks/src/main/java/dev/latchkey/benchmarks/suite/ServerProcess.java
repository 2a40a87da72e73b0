package dev.latchkey.benchmarks.suite;

import dev.latchkey.benchmarks.LoadHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code latchkey serve} in a JVM of its own (the app's {@code Main}, from this module's class path),
 * its output in a log file. Started with {@link #launch}, ready after {@link #awaitListening}, stopped
 * with SIGTERM (a clean drain) by {@link #close}.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on [^\\s:]+:(\\d+)");
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final String name;
  private final Process process;
  private final Path log;
  private int port;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts the JVM; {@code serveArgs} are {@code serve}'s flags. */
  static ServerProcess launch(String name, List<String> serveArgs, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-Xmx1g",
        "-Dlogback.configurationFile=" + LoadHarness.LOGBACK_CONFIG,
        "-Dorg.jooq.no-logo=true",
        "-Dorg.jooq.no-tips=true",
        "-cp", System.getProperty("java.class.path"),
        "dev.latchkey.app.Main", "serve"));
    command.addAll(serveArgs);
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new ServerProcess(name, process, log);
  }

  /** The server's JVM, e.g. for the CPU time it has used. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Waits for the {@code listening on} line and returns the port. */
  int awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        return port;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("server " + name + " exited with " + process.exitValue() + " before listening; "
            + "its log " + log + " ends with:\n" + tail());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("server " + name + " did not listen within " + START_TIMEOUT.toSeconds() + " s; see "
        + log);
  }

  int port() {
    return port;
  }

  String name() {
    return name;
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** SIGTERM, so that the server drains and writes every queued request-log row; killed after 60 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** For a shutdown hook: never leave a server behind when the suite is interrupted. */
  void kill() {
    process.destroyForcibly();
  }
}
