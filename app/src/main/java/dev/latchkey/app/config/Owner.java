package dev.latchkey.app.config;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Who runs the server, for the checks on files that hold secrets. */
final class Owner {
  static final Set<PosixFilePermission> GROUP_AND_OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private static final int UID = (int) new UnixSystem().getUid();

  private Owner() {}

  /** The user id of this process. */
  static int uid() {
    return UID;
  }
}
