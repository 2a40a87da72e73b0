package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Released Flyway migrations are never edited: the SHA-256 of each one is committed in
 * {@code src/test/resources/db/released-migrations.sha256}, and every versioned migration must be
 * listed there. A new migration is added by appending its line (the file's header says how).
 */
class ReleasedMigrationsTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path CHECKSUMS = Path.of("src/test/resources/db/released-migrations.sha256");
  private static final Pattern VERSIONED = Pattern.compile("V\\d+__.+\\.sql");

  @Test
  void releasedMigrationsAreUnchangedAndEveryMigrationIsListed() throws IOException {
    assertThat(problems(MIGRATIONS, Files.readAllLines(CHECKSUMS))).isEmpty();
  }

  @Test
  void anEditedMigrationIsReported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("V1__first.sql"), "create table a (id int);\n");
    List<String> listed = List.of(sha256("create table a (id bigint);\n") + "  V1__first.sql");

    assertThat(problems(dir, listed)).singleElement().asString()
        .startsWith("V1__first.sql was edited after its release");
  }

  @Test
  void aListedMigrationThatIsGoneIsReported(@TempDir Path dir) throws IOException {
    List<String> listed = List.of(sha256("create table a (id int);\n") + "  V1__first.sql");

    assertThat(problems(dir, listed)).singleElement().asString()
        .startsWith("V1__first.sql was released but is missing");
  }

  @Test
  void anUnlistedMigrationIsReportedWithHowToListIt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("V1__first.sql"), "create table a (id int);\n");
    Files.writeString(dir.resolve("V2__second.sql"), "create table b (id int);\n");
    List<String> listed = List.of("# a comment", "", sha256("create table a (id int);\n") + "  V1__first.sql");

    assertThat(problems(dir, listed)).singleElement().asString()
        .startsWith("V2__second.sql is not listed")
        .contains("appending its line");
  }

  /** What is wrong with the migrations in {@code dir}, given the lines of the checksum file. */
  static List<String> problems(Path dir, List<String> checksumLines) throws IOException {
    Map<String, String> released = new TreeMap<>();
    for (String line : checksumLines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+\\*?", 2);
      released.put(parts[1], parts[0]);
    }
    TreeSet<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(f -> f.getFileName().toString()).filter(n -> VERSIONED.matcher(n).matches()).forEach(present::add);
    }
    List<String> problems = new ArrayList<>();
    released.forEach((name, expected) -> {
      if (!present.contains(name)) {
        problems.add(name + " was released but is missing: released migrations are never removed or renamed");
        return;
      }
      String actual = sha256(dir.resolve(name));
      if (!actual.equals(expected)) {
        problems.add(name + " was edited after its release (sha256 " + actual + ", released " + expected
            + "): released migrations are never edited; put the change in a new migration");
      }
    });
    for (String name : present) {
      if (!released.containsKey(name)) {
        problems.add(name + " is not listed in adapters-postgres/" + CHECKSUMS + ": adding a new migration "
            + "means appending its line there (`sha256sum " + name + "`, see the file's header)");
      }
    }
    return problems;
  }

  private static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
