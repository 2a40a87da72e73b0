package dev.latchkey.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Secrets kept in files: read them, or on first start generate them, created with mode 0600 and
 * moved into place atomically, so that no other user can ever read a partial or a world-readable
 * file.
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

  /** The content of an existing {@code file}, stripped. */
  public static String read(Path file, String what) {
    try {
      String content = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (content.isEmpty()) {
        throw new ConfigException("the " + what + " file " + file + " is empty");
      }
      return content;
    } catch (IOException e) {
      throw new ConfigException("cannot read the " + what + " file " + file + ": " + reason(e), e);
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
