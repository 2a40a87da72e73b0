package dev.latchkey.domain.record;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which records a listing returns: all terms must hold. {@code updateTime} bounds compare with the
 * record's last change; field terms compare one top-level key with a string, number or boolean.
 */
public record RecordFilter(
    Optional<ExternalId> externalId,
    Optional<Bound> updatedAfter,
    Optional<Bound> updatedBefore,
    Map<String, FieldValue> fieldEquals) {

  /** A time bound, inclusive or not. */
  public record Bound(Instant time, boolean inclusive) {
    public Bound {
      Objects.requireNonNull(time, "time");
    }
  }

  public RecordFilter {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(updatedAfter, "updatedAfter");
    Objects.requireNonNull(updatedBefore, "updatedBefore");
    fieldEquals = Map.copyOf(new TreeMap<>(fieldEquals));
  }

  public static RecordFilter none() {
    return new RecordFilter(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  public boolean matches(DataRecord record) {
    if (externalId.isPresent() && !externalId.equals(record.externalId())) {
      return false;
    }
    if (updatedAfter.isPresent()) {
      int c = record.updateTime().compareTo(updatedAfter.get().time());
      if (c < 0 || (c == 0 && !updatedAfter.get().inclusive())) {
        return false;
      }
    }
    if (updatedBefore.isPresent()) {
      int c = record.updateTime().compareTo(updatedBefore.get().time());
      if (c > 0 || (c == 0 && !updatedBefore.get().inclusive())) {
        return false;
      }
    }
    return fieldEquals.entrySet().stream()
        .allMatch(e -> e.getValue().equals(record.fields().values().get(e.getKey())));
  }

  /** The same text for the same filter: page tokens are bound to it. */
  public String canonical() {
    return externalId.map(ExternalId::value).orElse("") + "|"
        + updatedAfter.map(b -> (b.inclusive() ? ">=" : ">") + b.time()).orElse("") + "|"
        + updatedBefore.map(b -> (b.inclusive() ? "<=" : "<") + b.time()).orElse("") + "|"
        + new TreeMap<>(fieldEquals).entrySet().stream()
            .map(e -> e.getKey() + "=" + Json.write(e.getValue())).collect(Collectors.joining(","));
  }
}
