package dev.latchkey.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds the embedded database and the generated secrets, so it is open to its
 * owner alone (mode 0700). A new one is created so; one left more open by an earlier version is
 * closed with a log line saying so; one that belongs to another user is refused.
 */
public final class DataDirectory {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private DataDirectory() {}

  /**
   * Creates {@code dir} (mode 0700) or makes an existing one 0700.
   *
   * @throws ConfigException if it is not a directory, belongs to another user, or cannot be created
   */
  public static void prepare(Path dir) {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        return;
      }
      PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
      if (!attributes.isDirectory()) {
        throw new ConfigException("the data directory " + dir + " is not a directory");
      }
      int owner = (Integer) Files.getAttribute(dir, "unix:uid");
      if (owner != Owner.uid()) {
        throw new ConfigException("the data directory " + dir + " belongs to another user (uid " + owner
            + "); it must belong to the user running latchkey");
      }
      Set<PosixFilePermission> loose = new HashSet<>(attributes.permissions());
      loose.retainAll(Owner.GROUP_AND_OTHERS);
      if (!loose.isEmpty()) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        log.warn("the data directory {} was open to group or others (mode {}); changed it to rwx------",
            dir, PosixFilePermissions.toString(attributes.permissions()));
      }
    } catch (IOException e) {
      throw new ConfigException("cannot prepare the data directory " + dir + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }
}
