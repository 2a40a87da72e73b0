package dev.latchkey.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FuzzHelperTest {
  private static final Gen<String> WORDS = Gen.strings("abc", 0, 12);

  @Test
  void aFailingPropertyNamesTheSeedTheTryAndTheInputs() {
    AssertionError failure = catchThrowableOfType(AssertionError.class, () ->
        Fuzz.check(42L, 1_000, in -> {
          String word = in.draw(WORDS);
          int number = in.draw(Gen.ints(0, 9));
          assertThat(word + number).doesNotContain("b7");
        }));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage())
        .contains("with seed 42 ", "-Dlatchkey.fuzz.seed=42", "on try ", " of 1000")
        .containsPattern("1: \"[abc]*b\"\n  2: 7\n")
        .contains("failure: java.lang.AssertionError");
  }

  @Test
  void anExceptionFailsThePropertyToo() {
    assertThatThrownBy(() -> Fuzz.check(7L, 10, in -> Integer.parseInt(in.draw(WORDS) + "x")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with seed 7 ")
        .hasCauseInstanceOf(NumberFormatException.class);
  }

  @Test
  void theSameSeedDrawsTheSameInputsAndAnotherSeedOthers() {
    assertThat(drawn(42L)).isEqualTo(drawn(42L)).isNotEqualTo(drawn(43L));
  }

  @Test
  void aPassingPropertyRunsExactlyTheGivenNumberOfTries() {
    int[] runs = new int[1];

    Fuzz.check(1L, 1234, in -> runs[0]++);

    assertThat(runs[0]).isEqualTo(1234);
  }

  @Test
  void triesDefaultToAThousandAndCanBeRaised() {
    assertThat(Fuzz.tries(null)).isEqualTo(1_000);
    assertThat(Fuzz.tries("")).isEqualTo(1_000);
    assertThat(Fuzz.tries("100000")).isEqualTo(100_000);
    assertThat(Fuzz.tries("100_000")).isEqualTo(100_000);
    assertThatThrownBy(() -> Fuzz.tries("0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSeedIsTheGivenOneOrNewInEveryRun() {
    assertThat(Fuzz.seed("-5")).isEqualTo(-5L);
    assertThat(IntStream.range(0, 5).mapToObj(i -> Fuzz.seed(null)).distinct()).hasSizeGreaterThan(1);
  }

  @Test
  void controlAndFormatCharactersAreShownEscaped() {
    assertThat(Fuzz.describe("a\u0000\u202e\"b")).isEqualTo("\"a\\u0000\\u202E\\\"b\"");
    assertThat(Fuzz.describe(List.of("x", '\n'))).isEqualTo("[\"x\", '\\u000A']");
  }

  @Test
  void stringsStayWithinTheirAlphabetAndLengthsAndReachBothBounds() {
    List<String> all = draws(Gen.strings("xy", 2, 5), 500);

    assertThat(all).allSatisfy(s -> assertThat(s).matches("[xy]{2,5}"));
    assertThat(all).anySatisfy(s -> assertThat(s).hasSize(2)).anySatisfy(s -> assertThat(s).hasSize(5));
  }

  @Test
  void unicodeStringsHoldControlFormatSurrogateAndSupplementaryCharacters() {
    String all = String.join("", draws(Gen.unicode(0, 40), 500));

    assertThat(all.chars().map(Character::getType).distinct().boxed().toList())
        .contains((int) Character.CONTROL, (int) Character.FORMAT, (int) Character.SURROGATE,
            (int) Character.SPACE_SEPARATOR, (int) Character.LINE_SEPARATOR);
    assertThat(all.codePoints().filter(Character::isSupplementaryCodePoint)).isNotEmpty();
    assertThat(draws(Gen.unicode(3, 7), 500)).allSatisfy(s -> assertThat(s.length()).isBetween(3, 7));
  }

  @Test
  void intsStayInRangeAndReachBothEnds() {
    List<Integer> all = draws(Gen.ints(-3, 3), 200);

    assertThat(all).allSatisfy(i -> assertThat(i).isBetween(-3, 3)).contains(-3, 3);
    assertThat(draws(Gen.anyInt(), 500)).contains(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
  }

  @Test
  void aMutationIsNeverTheValidValueAndTakesEveryKindOfMistake() {
    String valid = "lka_0123456789";
    List<String> all = draws(Gen.mutationOf(valid), 2_000);

    assertThat(all).doesNotContain(valid);
    assertThat(all).anySatisfy(s -> assertThat(s).hasSize(valid.length() + 1))
        .anySatisfy(s -> assertThat(s).hasSize(valid.length() - 1))
        .anySatisfy(s -> assertThat(s).hasSizeLessThan(valid.length() - 1))
        .anySatisfy(s -> assertThat(s).hasSameSizeAs(valid));
  }

  @Test
  void aFlipChangesExactlyOneCharacterToOneOfTheGivenOnes() {
    String valid = "abcabc";

    assertThat(draws(Gen.flipOf(valid, Gen.chars("abc")), 500)).allSatisfy(flipped -> {
      assertThat(flipped).hasSameSizeAs(valid).matches("[abc]+");
      assertThat(IntStream.range(0, valid.length()).filter(i -> flipped.charAt(i) != valid.charAt(i))).hasSize(1);
    });
  }

  private static List<String> drawn(long seed) {
    List<String> drawn = new ArrayList<>();
    Fuzz.check(seed, 50, in -> drawn.add(in.draw(Gen.unicode(0, 20)) + in.draw(Gen.uuids())));
    return drawn;
  }

  private static <T> List<T> draws(Gen<T> gen, int count) {
    List<T> drawn = new ArrayList<>();
    Fuzz.check(99L, count, in -> drawn.add(in.draw(gen)));
    return drawn;
  }
}
