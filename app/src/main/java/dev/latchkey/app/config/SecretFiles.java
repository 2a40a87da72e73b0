package dev.latchkey.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Secrets kept in files: read them, or on first start generate them, created with mode 0600 and
 * moved into place atomically, so that no other user can ever read a partial or a world-readable
 * file. As ssh does with private keys, an existing secret file that group or others may use, or
 * that belongs to another user (other than root), is refused rather than used.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /** The content of {@code file} (stripped), generating it with {@code generate} if it does not exist. */
  public static String readOrCreate(Path file, Supplier<String> generate, String what) {
    if (Files.exists(file)) {
      return read(file, what);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".latchkey-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, generate.get() + "\n", StandardCharsets.US_ASCII);
        // A hard link appears atomically and, unlike a rename, never replaces a file that another
        // process created in the meantime.
        Files.createLink(file, temp);
      } finally {
        Files.deleteIfExists(temp);
      }
      return read(file, what);
    } catch (FileAlreadyExistsException e) {
      return read(file, what); // another process created it first; use theirs
    } catch (IOException e) {
      throw new ConfigException("cannot create the " + what + " file " + file + ": " + reason(e), e);
    }
  }

  /** The content of an existing {@code file}, stripped, once {@link #checkPrivate} accepts it. */
  public static String read(Path file, String what) {
    try {
      checkPrivate(file, what);
      String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (content.isEmpty()) {
        throw new ConfigException("the " + what + " file " + file + " is empty");
      }
      return content;
    } catch (IOException e) {
      throw new ConfigException("cannot read the " + what + " file " + file + ": " + reason(e), e);
    }
  }

  /**
   * Refuses {@code file} unless it is a regular file with no permission for group or others, owned
   * by the user running the server or by root.
   *
   * @throws ConfigException saying what is wrong and how to fix it
   */
  static void checkPrivate(Path file, String what) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new ConfigException("cannot read the " + what + " file " + file + ": not a regular file");
    }
    Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
    loose.addAll(attributes.permissions());
    loose.retainAll(Owner.GROUP_AND_OTHERS);
    if (!loose.isEmpty()) {
      throw new ConfigException("the " + what + " file " + file + " is accessible by group or others (mode "
          + PosixFilePermissions.toString(attributes.permissions()) + "); chmod 600 it");
    }
    int owner = (Integer) Files.getAttribute(file, "unix:uid");
    if (owner != Owner.uid() && owner != 0) {
      throw new ConfigException("the " + what + " file " + file + " belongs to another user (uid " + owner
          + "); it must belong to the user running latchkey");
    }
  }

  private static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException n -> "no such file";
      case AccessDeniedException a -> "permission denied";
      default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    };
  }
}
