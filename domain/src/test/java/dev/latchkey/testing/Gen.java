package dev.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of test inputs from a random source. Ranges are inclusive; sizes and numbers lean
 * towards their bounds (empty, longest, smallest, largest) a little more often than chance would.
 */
@FunctionalInterface
public interface Gen<T> {
  T next(RandomGenerator random);

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** Lists of this generator's values, of {@code minSize} to {@code maxSize} elements. */
  default Gen<List<T>> list(int minSize, int maxSize) {
    Gen<Integer> sizes = ints(minSize, maxSize);
    return random -> {
      int size = sizes.next(random);
      List<T> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(next(random));
      }
      return values;
    };
  }

  @SafeVarargs
  static <T> Gen<T> pick(T... values) {
    List<T> choices = new ArrayList<>(values.length);
    for (T value : values) {
      choices.add(value);
    }
    return pick(choices);
  }

  static <T> Gen<T> pick(List<T> values) {
    List<T> choices = List.copyOf(values);
    return random -> choices.get(random.nextInt(choices.size()));
  }

  /** A value from one of {@code gens}, each chosen equally often. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> choices = new ArrayList<>(gens.length);
    for (Gen<? extends T> gen : gens) {
      choices.add(gen);
    }
    return random -> choices.get(random.nextInt(choices.size())).next(random);
  }

  static Gen<Integer> ints(int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max");
    }
    return random -> switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> (int) random.nextLong(min, (long) max + 1);
    };
  }

  /** Any int, with 0, ±1 and the extremes more often than chance. */
  static Gen<Integer> anyInt() {
    Gen<Integer> edges = pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1);
    return random -> random.nextInt(8) == 0 ? edges.next(random) : random.nextInt();
  }

  static Gen<Long> longs(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min > max");
    }
    return random -> switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      default -> max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
    };
  }

  /** Characters of {@code alphabet}. */
  static Gen<Character> chars(String alphabet) {
    if (alphabet.isEmpty()) {
      throw new IllegalArgumentException("empty alphabet");
    }
    return random -> alphabet.charAt(random.nextInt(alphabet.length()));
  }

  /** Characters from {@code first} to {@code last}. */
  static Gen<Character> chars(char first, char last) {
    return random -> (char) random.nextInt(first, last + 1);
  }

  /**
   * Any UTF-16 code unit: printable ASCII, C0 and C1 controls, format and odd whitespace characters
   * (zero-width, bidi overrides, BOM), characters whose case mapping is surprising, lone surrogates,
   * noncharacters, and anything else in the BMP.
   */
  static Gen<Character> anyChar() {
    String special = "\u0000\t\n\r\u000b\u000c\u001b\u007f\u0085\u00a0\u00ad\u180e\u2000\u200b\u200c\u200d"
        + "\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\u3000"
        + "\ufeff\ufffd\ufffe\uffff\u0130\u0131\u017f\u212a\u00df\u00e9\u00fc\u682a";
    Gen<Character> specials = chars(special);
    return random -> switch (random.nextInt(10)) {
      case 0, 1, 2 -> (char) random.nextInt(' ', '~' + 1);
      case 3 -> (char) (random.nextBoolean() ? random.nextInt(0, 0x20) : 0x7f);
      case 4 -> (char) random.nextInt(0x80, 0xa0);
      case 5, 6 -> specials.next(random);
      case 7 -> (char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1);
      default -> (char) random.nextInt(0, 0x10000);
    };
  }

  /** Strings of {@code minLength} to {@code maxLength} characters drawn from {@code chars}. */
  static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    Gen<Integer> lengths = ints(minLength, maxLength);
    return random -> {
      int length = lengths.next(random);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(chars.next(random));
      }
      return text.toString();
    };
  }

  /** Strings of {@code minLength} to {@code maxLength} characters of {@code alphabet}. */
  static Gen<String> strings(String alphabet, int minLength, int maxLength) {
    return strings(chars(alphabet), minLength, maxLength);
  }

  /**
   * Arbitrary Unicode of {@code minLength} to {@code maxLength} UTF-16 units: {@link #anyChar()}
   * (so also control, format and unpaired surrogate characters) and, now and then, a character
   * outside the BMP as a proper surrogate pair.
   */
  static Gen<String> unicode(int minLength, int maxLength) {
    Gen<Integer> lengths = ints(minLength, maxLength);
    Gen<Character> chars = anyChar();
    return random -> {
      int length = lengths.next(random);
      StringBuilder text = new StringBuilder(length);
      while (text.length() < length) {
        if (text.length() + 1 < length && random.nextInt(10) == 0) {
          text.appendCodePoint(random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1));
        } else {
          text.append(chars.next(random));
        }
      }
      return text.toString();
    };
  }

  static Gen<byte[]> bytes(int minLength, int maxLength) {
    Gen<Integer> lengths = ints(minLength, maxLength);
    return random -> {
      byte[] bytes = new byte[lengths.next(random)];
      random.nextBytes(bytes);
      return bytes;
    };
  }

  /** Random (version 4 shaped) UUIDs, drawn from the run's seed so that a run can be replayed. */
  static Gen<UUID> uuids() {
    return random -> new UUID(
        (random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE);
  }

  /**
   * {@code valid} with one mistake: a character flipped, inserted or deleted, or the end cut off.
   * Never {@code valid} itself. New characters are mostly {@code valid}'s own, else any character.
   */
  static Gen<String> mutationOf(String valid) {
    Gen<Character> chars = valid.isEmpty() ? anyChar() : oneOf(chars(valid), anyChar());
    return mutationOf(valid, chars);
  }

  /** As {@link #mutationOf(String)}, with new characters drawn from {@code chars}. */
  static Gen<String> mutationOf(String valid, Gen<Character> chars) {
    if (valid.isEmpty()) {
      return insertionInto(valid, chars);
    }
    return oneOf(flipOf(valid, chars), insertionInto(valid, chars), deletionFrom(valid), truncationOf(valid));
  }

  /** {@code valid} with one character replaced by a different one from {@code chars}. */
  static Gen<String> flipOf(String valid, Gen<Character> chars) {
    if (valid.isEmpty()) {
      throw new IllegalArgumentException("nothing to flip");
    }
    return random -> {
      int position = random.nextInt(valid.length());
      char original = valid.charAt(position);
      for (int attempt = 0; attempt < 1_000; attempt++) {
        char replacement = chars.next(random);
        if (replacement != original) {
          return valid.substring(0, position) + replacement + valid.substring(position + 1);
        }
      }
      throw new IllegalArgumentException("chars yields nothing but '" + original + "'");
    };
  }

  /** {@code valid} with one character from {@code chars} inserted anywhere, ends included. */
  static Gen<String> insertionInto(String valid, Gen<Character> chars) {
    return random -> {
      int position = random.nextInt(valid.length() + 1);
      return valid.substring(0, position) + chars.next(random) + valid.substring(position);
    };
  }

  /** {@code valid} with one of its characters deleted. */
  static Gen<String> deletionFrom(String valid) {
    return random -> {
      int position = random.nextInt(valid.length());
      return valid.substring(0, position) + valid.substring(position + 1);
    };
  }

  /** A proper prefix of {@code valid}, the empty string included. */
  static Gen<String> truncationOf(String valid) {
    return random -> valid.substring(0, random.nextInt(valid.length()));
  }
}
