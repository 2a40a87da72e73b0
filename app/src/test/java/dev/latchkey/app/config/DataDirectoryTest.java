package dev.latchkey.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir
  Path parent;

  @Test
  void aMissingDataDirectoryIsCreatedOpenToItsOwnerAlone() throws IOException {
    Path dir = parent.resolve("a/var");

    DataDirectory.prepare(dir);

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void anExistingDataDirectoryOpenToOthersIsClosedAndKeepsItsContent() throws IOException {
    Path dir = Files.createDirectory(parent.resolve("var"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("kept"), "x");

    DataDirectory.prepare(dir);

    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(dir.resolve("kept")).hasContent("x");
  }

  @Test
  void aDataDirectoryThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(parent.resolve("var"), "x");

    assertThatThrownBy(() -> DataDirectory.prepare(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the data directory " + file + " is not a directory");
  }

  @Test
  void aDataDirectoryOfAnotherUserIsRefusedAndLeftAsItIs() throws IOException {
    assumeTrue(Owner.uid() == 0, "only root can give a directory to another user");
    Path dir = Files.createDirectory(parent.resolve("var"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(dir, "unix:uid", 4242);

    assertThatThrownBy(() -> DataDirectory.prepare(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("the data directory " + dir + " belongs to another user (uid 4242)");
    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
