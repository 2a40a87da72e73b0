package dev.latchkey.application.service;

import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one optimistic-update routine: in one transaction, load the current value, check the
 * caller's etag, let the domain apply the changes, save the new value only if nobody changed it
 * meanwhile, and record the change. Every versioned update goes through here.
 */
public final class VersionedUpdate {
  private final Transactions transactions;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public VersionedUpdate(Transactions transactions, ChangeRecorder changes, InstantSource clock) {
    this.transactions = transactions;
    this.changes = changes;
    this.clock = clock;
  }

  /** How to load, change and save one kind of value. */
  public interface Steps<T extends Versioned> {
    /** The current value; throws {@code NotFoundException} or a refusal for the caller. */
    T load();

    /** The changed value and its event, or empty when nothing changes; may refuse. */
    Optional<Change<T>> apply(T current, Instant now);

    /** Saves {@code updated} if the stored version is still the one it was derived from. */
    boolean save(T updated);
  }

  /**
   * Runs the update.
   *
   * @return the new value, or the current one unchanged when nothing changed (no version step,
   *     nothing recorded)
   * @throws ConflictException when {@code expectedVersion} is stale or a concurrent change won
   */
  public <T extends Versioned> T run(Principal caller, OptionalLong expectedVersion, Steps<T> steps) {
    return transactions.inTransaction(() -> {
      T current = steps.load();
      if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
        throw stale(current);
      }
      Instant now = clock.instant();
      Optional<Change<T>> change = steps.apply(current, now);
      if (change.isEmpty()) {
        return current;
      }
      T updated = change.get().value();
      if (!steps.save(updated)) {
        throw stale(current);
      }
      changes.record(caller, current.tenantId(), now, change.get().event());
      return updated;
    });
  }

  /** Builds {@link Steps} from three functions. */
  public static <T extends Versioned> Steps<T> steps(
      Supplier<T> load, BiFunction<T, Instant, Optional<Change<T>>> apply, Predicate<T> save) {
    return new Steps<>() {
      @Override
      public T load() {
        return load.get();
      }

      @Override
      public Optional<Change<T>> apply(T current, Instant now) {
        return apply.apply(current, now);
      }

      @Override
      public boolean save(T updated) {
        return save.test(updated);
      }
    };
  }

  static ConflictException stale(Versioned value) {
    return new ConflictException(value.resourceName() + " was changed by someone else; read it again and retry");
  }
}
