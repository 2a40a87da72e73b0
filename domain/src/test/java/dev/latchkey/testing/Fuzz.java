package dev.latchkey.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Property checks and fuzzing with the JDK alone: a property runs on {@value #DEFAULT_TRIES}
 * generated inputs (more with {@code -Dlatchkey.fuzz.tries=N}), drawn from a seed that is new in
 * every run unless {@code -Dlatchkey.fuzz.seed=S} replays one. A failure names the seed, the try
 * and every input the property drew, so that the same run can be repeated.
 *
 * <pre>{@code
 * Fuzz.forAll(Gen.unicode(0, 80), text -> assertThat(parse(text)).satisfies(...));
 * Fuzz.check(in -> {
 *   TokenKind kind = in.draw(Gen.pick(TokenKind.values()));
 *   String edited = in.draw(Gen.mutationOf(token(kind)));
 *   ...
 * });
 * }</pre>
 */
public final class Fuzz {
  public static final String TRIES_PROPERTY = "latchkey.fuzz.tries";
  public static final String SEED_PROPERTY = "latchkey.fuzz.seed";
  public static final int DEFAULT_TRIES = 1_000;

  private Fuzz() {}

  /** A property over inputs it draws itself; it fails by throwing (an assertion or anything else). */
  @FunctionalInterface
  public interface Property {
    void check(Inputs in) throws Exception;
  }

  /** A property over one input. */
  @FunctionalInterface
  public interface PropertyOf<T> {
    void check(T input) throws Exception;
  }

  /** Checks {@code property} on inputs drawn from {@code inputs}. */
  public static <T> void forAll(Gen<T> inputs, PropertyOf<T> property) {
    check(in -> property.check(in.draw(inputs)));
  }

  /** Checks {@code property} as many times as the run asks, each time with fresh inputs. */
  public static void check(Property property) {
    check(seed(System.getProperty(SEED_PROPERTY)), tries(System.getProperty(TRIES_PROPERTY)), property);
  }

  static void check(long seed, int tries, Property property) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      Inputs in = new Inputs(random);
      try {
        property.check(in);
      } catch (Exception | AssertionError | StackOverflowError failure) {
        throw new AssertionError(failureMessage(seed, attempt, tries, in, failure), failure);
      }
    }
  }

  static long seed(String property) {
    if (property == null || property.isBlank()) {
      return new SplittableRandom().nextLong();
    }
    return Long.parseLong(property.strip());
  }

  static int tries(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_TRIES;
    }
    int tries = Integer.parseInt(property.strip().replace("_", ""));
    if (tries < 1) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " must be at least 1, was " + tries);
    }
    return tries;
  }

  private static String failureMessage(long seed, int attempt, int tries, Inputs in, Throwable failure) {
    StringBuilder message = new StringBuilder()
        .append("Property failed on try ").append(attempt).append(" of ").append(tries)
        .append(" with seed ").append(seed)
        .append(" (replay: -D").append(SEED_PROPERTY).append('=').append(seed).append(")\n")
        .append("inputs:\n");
    List<Object> drawn = in.drawn();
    for (int i = 0; i < drawn.size(); i++) {
      message.append("  ").append(i + 1).append(": ").append(describe(drawn.get(i))).append('\n');
    }
    return message.append("failure: ").append(failure).toString();
  }

  /** A value as Java source would write it, so that control and format characters can be seen. */
  static String describe(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> quote(s, '"');
      case Character c -> quote(String.valueOf(c), '\'');
      case byte[] bytes -> Arrays.toString(bytes);
      case List<?> list -> list.stream().map(Fuzz::describe).toList().toString();
      default -> quote(value.toString(), '\0');
    };
  }

  private static String quote(String text, char quote) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    if (quote != '\0') {
      out.append(quote);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if ((c >= ' ' && c <= '~') || (c == '\n' && quote == '\0')) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    if (quote != '\0') {
      out.append(quote);
    }
    return out.toString();
  }

  /** Where a property draws its inputs; each drawn value is kept for the failure message. */
  public static final class Inputs {
    private final RandomGenerator random;
    private final List<Object> drawn = new ArrayList<>();

    Inputs(RandomGenerator random) {
      this.random = random;
    }

    public <T> T draw(Gen<T> gen) {
      T value = gen.next(random);
      drawn.add(value);
      return value;
    }

    List<Object> drawn() {
      return drawn;
    }
  }
}
