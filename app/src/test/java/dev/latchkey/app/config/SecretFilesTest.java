package dev.latchkey.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir
  Path dir;

  private final AtomicInteger generated = new AtomicInteger();

  private Supplier<String> generator() {
    return () -> "secret-" + generated.incrementAndGet();
  }

  @Test
  void aMissingFileIsGeneratedReadableAndWritableByItsOwnerOnly() throws IOException {
    Path file = dir.resolve("pepper");

    String secret = SecretFiles.readOrCreate(file, generator(), "pepper");

    assertThat(secret).isEqualTo("secret-1");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).isEqualTo("secret-1\n");
  }

  @Test
  void missingParentDirectoriesAreCreated() throws IOException {
    Path file = dir.resolve("a/b/operator-token");

    assertThat(SecretFiles.readOrCreate(file, generator(), "operator token")).isEqualTo("secret-1");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void theSecondCallReadsTheFileWithoutGeneratingAgain() {
    Path file = dir.resolve("pepper");

    String first = SecretFiles.readOrCreate(file, generator(), "pepper");
    String second = SecretFiles.readOrCreate(file, generator(), "pepper");

    assertThat(second).isEqualTo(first);
    assertThat(generated).hasValue(1);
  }

  @Test
  void anExistingFileIsReadStrippedAndNeverReplaced() throws IOException {
    Path file = dir.resolve("operator-token");
    Files.writeString(file, "  given-by-the-admin \n\n");

    assertThat(SecretFiles.readOrCreate(file, generator(), "operator token")).isEqualTo("given-by-the-admin");
    assertThat(generated).hasValue(0);
    assertThat(Files.readString(file)).isEqualTo("  given-by-the-admin \n\n");
  }

  @Test
  void noTemporaryFileIsLeftBehind() throws IOException {
    SecretFiles.readOrCreate(dir.resolve("pepper"), generator(), "pepper");

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pepper");
    }
  }

  @Test
  void aFailingGeneratorLeavesNoFileBehind() throws IOException {
    Path file = dir.resolve("pepper");

    assertThatThrownBy(() -> SecretFiles.readOrCreate(file, () -> {
      throw new IllegalStateException("no entropy");
    }, "pepper")).hasMessage("no entropy");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void processesStartingTogetherAllGetTheSameSecret() throws Exception {
    Path file = dir.resolve("pepper");
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return SecretFiles.readOrCreate(file, generator(), "pepper");
        }));
      }
      start.countDown();
      List<String> secrets = new ArrayList<>();
      for (Future<String> result : results) {
        secrets.add(result.get(30, TimeUnit.SECONDS));
      }
      assertThat(secrets).containsOnly(Files.readString(file).strip());
    }
  }

  @Test
  void anEmptyFileIsRejected() throws IOException {
    Path file = dir.resolve("pepper");
    Files.writeString(file, " \n");

    assertThatThrownBy(() -> SecretFiles.readOrCreate(file, generator(), "pepper"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the pepper file " + file + " is empty");
    assertThat(generated).hasValue(0);
  }

  @Test
  void aFileThatCannotBeReadIsRejectedInOneLine() throws IOException {
    Path file = dir.resolve("operator-token");
    Files.createDirectory(file);

    assertThatThrownBy(() -> SecretFiles.readOrCreate(file, generator(), "operator token"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot read the operator token file " + file + ": ")
        .hasMessageNotContaining("\n");
    assertThat(generated).hasValue(0);
  }

  @Test
  void readRejectsAMissingFileInOneLine() {
    Path file = dir.resolve("nope");

    assertThatThrownBy(() -> SecretFiles.read(file, "pepper"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cannot read the pepper file " + file + ": no such file");
  }

  @Test
  void aFileThatCannotBeCreatedIsRejectedInOneLine() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Path file = notADirectory.resolve("pepper");

    assertThatThrownBy(() -> SecretFiles.readOrCreate(file, generator(), "pepper"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageNotContaining("\n");
    assertThat(generated).hasValue(0);
  }
}
