package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed jOOQ code must be exactly what the migrations generate. After adding a migration,
 * regenerate with {@code ./mvnw -pl adapters-postgres -am verify -Dlatchkey.regenerate-schema-code
 * -Dtest=GeneratedSchemaCodeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GeneratedSchemaCodeTest {
  private static final Path COMMITTED =
      Path.of("src/main/java").resolve(SchemaCodeGenerator.PACKAGE.replace('.', '/'));

  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  @Test
  void committedSchemaCodeMatchesTheMigrations(@TempDir Path generated) throws Exception {
    if (System.getProperty("latchkey.regenerate-schema-code") != null) {
      SchemaCodeGenerator.generate(database.url(), Path.of("src/main/java"));
    }
    SchemaCodeGenerator.generate(database.url(), generated);
    Path fresh = generated.resolve(SchemaCodeGenerator.PACKAGE.replace('.', '/'));

    assertThat(contents(COMMITTED))
        .as("jOOQ code in %s is stale: regenerate it (see this test's javadoc)", COMMITTED)
        .isEqualTo(contents(fresh));
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
