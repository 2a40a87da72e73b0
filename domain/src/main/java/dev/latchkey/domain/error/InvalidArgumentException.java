package dev.latchkey.domain.error;

import java.util.List;

/**
 * A request field is malformed or out of range. Carries one violation per bad field, at most
 * {@link #MAX_REPORTED} of them: a hostile request must not make a hostile-sized error.
 */
public non-sealed class InvalidArgumentException extends DomainException {
  /** The most violations an error carries; the message still counts all of them. */
  public static final int MAX_REPORTED = 20;

  private final List<FieldViolation> violations;

  public InvalidArgumentException(List<FieldViolation> violations) {
    this(violations, violations.size());
  }

  /**
   * @param violations the violations found, of which the first {@link #MAX_REPORTED} are kept
   * @param total how many were found in all, when the caller stopped collecting them earlier
   */
  public InvalidArgumentException(List<FieldViolation> violations, int total) {
    super(summary(violations, total));
    this.violations = List.copyOf(violations.subList(0, Math.min(violations.size(), MAX_REPORTED)));
  }

  public InvalidArgumentException(String field, String description) {
    this(List.of(new FieldViolation(field, description)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String summary(List<FieldViolation> violations, int total) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid argument needs at least one violation");
    }
    if (total == 1) {
      return "invalid " + violations.getFirst().field() + ": " + violations.getFirst().description();
    }
    return total <= MAX_REPORTED
        ? "invalid request: " + total + " fields are invalid"
        : "invalid request: " + total + " fields are invalid; the first " + MAX_REPORTED + " are listed";
  }
}
