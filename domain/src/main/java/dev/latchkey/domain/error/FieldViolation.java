package dev.latchkey.domain.error;

import java.util.Objects;

/** One bad request field: the field's path as the client sent it, and what is wrong with it. */
public record FieldViolation(String field, String description) {
  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(description, "description");
  }
}
