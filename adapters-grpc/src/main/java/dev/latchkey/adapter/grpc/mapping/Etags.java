package dev.latchkey.adapter.grpc.mapping;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Etags as clients see them: opaque (today {@code v<version>}), derived from the stored version of
 * a resource. Unquoted, so that they pass through shells and JSON untouched.
 */
public final class Etags {
  private static final Pattern SHAPE = Pattern.compile("v([1-9][0-9]{0,17})");

  private Etags() {}

  public static String of(long version) {
    return "v" + version;
  }

  /** The version in {@code etag}, if it has the form {@link #of} writes. */
  public static Optional<Long> parse(String etag) {
    var matcher = SHAPE.matcher(etag);
    return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
  }
}
