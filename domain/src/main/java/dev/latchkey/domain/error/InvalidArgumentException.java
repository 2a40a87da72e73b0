package dev.latchkey.domain.error;

import java.util.List;

/** A request field is malformed or out of range. Carries one violation per bad field. */
public non-sealed class InvalidArgumentException extends DomainException {
  private final List<FieldViolation> violations;

  public InvalidArgumentException(List<FieldViolation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  public InvalidArgumentException(String field, String description) {
    this(List.of(new FieldViolation(field, description)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  private static String summary(List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid argument needs at least one violation");
    }
    return violations.size() == 1
        ? "invalid " + violations.getFirst().field() + ": " + violations.getFirst().description()
        : "invalid request: " + violations.size() + " fields are invalid";
  }
}
