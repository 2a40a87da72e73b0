package dev.latchkey.app.crypto;

import dev.latchkey.app.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The peppers tokens are checked under: the primary, which new and re-hashed digests use, and the
 * previous ones of a rotation, which only verify. Text form: one {@code <key id>:<base64>} per line
 * (or separated by commas, for an environment variable), the primary first.
 */
public record Peppers(Pepper primary, List<Pepper> previous) {
  private static final Pattern SEPARATORS = Pattern.compile("[\\r\\n,]+");

  public Peppers {
    previous = List.copyOf(previous);
  }

  /**
   * The peppers of {@code text}: one {@code <key id>:<base64>} per line (or comma-separated), the
   * primary first.
   *
   * @throws ConfigException if there is no pepper, one is malformed, or two share a key id
   */
  public static Peppers parse(String text, String source) {
    List<Pepper> all = new ArrayList<>();
    Set<String> keyIds = new HashSet<>();
    // Neither key ids nor base64 contain commas or line breaks, so either separates unambiguously.
    for (String line : SEPARATORS.splitAsStream(text).toList()) {
      if (line.isBlank()) {
        continue;
      }
      Pepper pepper = Pepper.parse(line.strip(), source);
      if (!keyIds.add(pepper.keyId())) {
        throw new ConfigException("the peppers in " + source + " name key id " + pepper.keyId() + " twice");
      }
      all.add(pepper);
    }
    if (all.isEmpty()) {
      throw new ConfigException("the pepper in " + source + " must look like <key id>:<base64 of 32 bytes>");
    }
    return new Peppers(all.getFirst(), all.subList(1, all.size()));
  }

  @Override
  public String toString() {
    return "Peppers[primary " + primary.keyId() + ", " + previous.size() + " previous, redacted]";
  }
}
