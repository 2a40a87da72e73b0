package dev.latchkey.adapter.grpc.mapping;

import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds domain values from request fields, collecting one violation per bad field so that the
 * client learns about all of them at once (the first {@link InvalidArgumentException#MAX_REPORTED}).
 */
public final class RequestFields {
  private final List<FieldViolation> violations = new ArrayList<>();
  private int found;

  /** The value {@code make} builds, or null after recording a violation of {@code field}. */
  // Null only after recording a violation; callers call check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public <T> T value(String field, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidValueException e) {
      violation(field, Objects.requireNonNullElse(e.getMessage(), "is invalid"));
      return null;
    }
  }

  /**
   * The id in resource name {@code name} of the form {@code <collection>/<id>}, or null after
   * recording a violation.
   */
  // Null only after recording a violation; callers call check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public <T> T resourceId(String field, String name, String collection, Function<String, Optional<T>> parse) {
    String prefix = collection + "/";
    if (name.isEmpty()) {
      violation(field, "must not be empty");
      return null;
    }
    Optional<T> id = name.startsWith(prefix) ? parse.apply(name.substring(prefix.length())) : Optional.empty();
    if (id.isEmpty()) {
      violation(field, "must be a resource name like " + prefix + "{id}");
      return null;
    }
    return id.get();
  }

  /** Records a violation; past {@link InvalidArgumentException#MAX_REPORTED}, only counts it. */
  public void violation(String field, String description) {
    found++;
    if (violations.size() < InvalidArgumentException.MAX_REPORTED) {
      violations.add(new FieldViolation(field, description));
    }
  }

  /**
   * Returns normally if every field was fine.
   *
   * @throws InvalidArgumentException with every recorded violation otherwise
   */
  public void check() {
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations, found);
    }
  }
}
