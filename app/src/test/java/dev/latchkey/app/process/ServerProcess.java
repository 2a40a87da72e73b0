package dev.latchkey.app.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code latchkey serve} as a child JVM, the way an operator runs it: its own process, real
 * signals, real exit codes. Its stdout and stderr are collected separately, line by line.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)\\s*$");

  private final Process process;
  private final Lines stdout;
  private final Lines stderr;

  private ServerProcess(Process process) {
    this.process = process;
    this.stdout = new Lines(process.getInputStream(), "stdout");
    this.stderr = new Lines(process.getErrorStream(), "stderr");
  }

  /** Starts {@code latchkey <args>} with {@code workDir} as its current directory. */
  static ServerProcess start(Path workDir, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", productionClassPath(),
        "dev.latchkey.app.Main"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    // The server must see only the configuration a test gives it, never the developer's.
    builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
    try {
      return new ServerProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * This JVM's class path without test classes and test-jars: those carry a logback-test.xml that
   * would replace the server's own logback.xml.
   */
  private static String productionClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/")
            && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  /** Waits for the {@code listening on <host>:<port>} line and returns the port. */
  int awaitListening() {
    String line = awaitStdoutLine(l -> LISTENING.matcher(l).find(), START_TIMEOUT);
    Matcher matcher = LISTENING.matcher(line);
    if (!matcher.find()) {
      throw new AssertionError("unexpected line " + line);
    }
    return Integer.parseInt(matcher.group(2));
  }

  /** Waits for the first stdout line that {@code matches}; fails if the process ends first. */
  String awaitStdoutLine(Predicate<String> matches, Duration timeout) {
    try {
      return stdout.first(matches).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no such line on stdout within " + timeout + "\n" + output());
    } catch (ExecutionException e) {
      throw new AssertionError("the server ended without printing such a line\n" + output(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * SIGTERM. Through the process handle: {@link Process#destroy()} sends the same signal but also
   * closes our ends of the child's stdout and stderr, losing what it prints while it stops.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /** SIGKILL: no shutdown hook, no draining, nothing flushed; waits until the process is gone. */
  void kill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the process to end and for its output to be read to the end; returns its exit code. */
  int awaitExit() {
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the server did not exit within " + STOP_TIMEOUT + "\n" + output());
      }
      stdout.awaitEnd();
      stderr.awaitEnd();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  String stdout() {
    return stdout.text();
  }

  List<String> stderrLines() {
    return stderr.lines();
  }

  /** Everything the process printed, for failure messages. */
  String output() {
    return "--- stdout ---\n" + stdout.text() + "--- stderr ---\n" + stderr.text();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The lines of one output stream, read on a thread of its own so that the child never blocks. */
  private static final class Lines {
    private final List<String> lines = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    Lines(InputStream stream, String name) {
      reader = Thread.ofPlatform().daemon().name("server-" + name).start(() -> read(stream));
    }

    private record Waiter(Predicate<String> matches, CompletableFuture<String> result) {}

    private void read(InputStream stream) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (this) {
            lines.add(line);
            for (Waiter waiter : waiters) {
              if (!waiter.result.isDone() && waiter.matches.test(line)) {
                waiter.result.complete(line);
              }
            }
          }
        }
      } catch (IOException e) {
        // the stream closed under us: the process is gone
      } finally {
        synchronized (this) {
          ended = true;
          waiters.forEach(w -> w.result.completeExceptionally(new IllegalStateException("end of output")));
        }
      }
    }

    synchronized CompletableFuture<String> first(Predicate<String> matches) {
      CompletableFuture<String> result = new CompletableFuture<>();
      lines.stream().filter(matches).findFirst().ifPresent(result::complete);
      if (!result.isDone()) {
        if (ended) {
          result.completeExceptionally(new IllegalStateException("end of output"));
        } else {
          waiters.add(new Waiter(matches, result));
        }
      }
      return result;
    }

    void awaitEnd() throws InterruptedException {
      reader.join(Duration.ofSeconds(10));
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    synchronized String text() {
      return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }
  }
}
