package dev.latchkey.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

  private static Path writePrivate(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void anExistingFileIsReadStrippedAndNeverReplaced() throws IOException {
    Path file = writePrivate(dir.resolve("operator-token"), "  given-by-the-admin \n\n");

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
    Path file = writePrivate(dir.resolve("pepper"), " \n");

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

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rwx--x---", "r--r--r--"})
  void anExistingFileThatGroupOrOthersMayUseIsRefusedAndLeftAsItIs(String mode) throws IOException {
    Path file = writePrivate(dir.resolve("pepper"), "k1:secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

    assertThatThrownBy(() -> SecretFiles.readOrCreate(file, generator(), "pepper"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the pepper file " + file + " is accessible by group or others (mode " + mode + "); chmod 600 it")
        .hasMessageNotContaining("secret");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString(mode));
    assertThat(generated).hasValue(0);
  }

  @Test
  void aFileReadableByItsOwnerAloneIsAccepted() throws IOException {
    Path file = writePrivate(dir.resolve("pepper"), "k1:secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

    assertThat(SecretFiles.read(file, "pepper")).isEqualTo("k1:secret");
  }

  @Test
  void anExistingFileOwnedByAnotherUserIsRefused() throws IOException {
    assumeTrue(Owner.uid() == 0, "only root can give a file to another user");
    Path file = writePrivate(dir.resolve("operator-token"), "lko_x\n");
    Files.setAttribute(file, "unix:uid", 4242);

    assertThatThrownBy(() -> SecretFiles.read(file, "operator token"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the operator token file " + file + " belongs to another user (uid 4242); it must belong to "
            + "the user running latchkey");
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
