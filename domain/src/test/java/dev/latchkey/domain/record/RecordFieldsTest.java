package dev.latchkey.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.common.InvalidValueException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFieldsTest {
  @Test
  void fieldsSurviveTheirJsonUnchanged() {
    Map<String, FieldValue> values = new LinkedHashMap<>();
    values.put("text", new FieldValue.StringValue("quote \" backslash \\ slash / tab \t newline \n bell \u0007 é 😀"));
    values.put("integer", new FieldValue.NumberValue(42));
    values.put("fraction", new FieldValue.NumberValue(-0.1));
    values.put("huge", new FieldValue.NumberValue(1.7976931348623157e308));
    values.put("tiny", new FieldValue.NumberValue(4.9e-324));
    values.put("flag", new FieldValue.BoolValue(false));
    values.put("nothing", new FieldValue.NullValue());
    values.put("list", new FieldValue.ListValue(List.of(new FieldValue.NumberValue(1),
        new FieldValue.StructValue(Map.of("any key: at all", new FieldValue.ListValue(List.of()))))));
    RecordFields fields = RecordFields.of(values);

    assertThat(RecordFields.stored(fields.toJson())).isEqualTo(fields);
    assertThat(RecordFields.stored(fields.toJson()).values()).isEqualTo(values);
  }

  @Test
  void fieldsAreReadFromJsonAsPostgresqlWritesIt() {
    RecordFields fields = RecordFields.stored(
        "{\"a\": 1.50, \"b\": [true, null, \"x\\u00e9\\\"\"], \"c\": {\"d\": -2e-3}}");

    assertThat(fields.values()).isEqualTo(Map.of(
        "a", new FieldValue.NumberValue(1.5),
        "b", new FieldValue.ListValue(List.of(new FieldValue.BoolValue(true), new FieldValue.NullValue(),
            new FieldValue.StringValue("xé\""))),
        "c", new FieldValue.StructValue(Map.of("d", new FieldValue.NumberValue(-0.002)))));
  }

  @Test
  void negativeZeroIsZeroAsInJson() {
    assertThat(new FieldValue.NumberValue(-0.0)).isEqualTo(new FieldValue.NumberValue(0.0));
  }

  @Test
  void numbersMustBeFinite() {
    assertThatThrownBy(() -> new FieldValue.NumberValue(Double.NaN)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new FieldValue.NumberValue(Double.NEGATIVE_INFINITY))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void stringsAndKeysHoldNoNul() {
    assertThatThrownBy(() -> new FieldValue.StringValue("a\u0000")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new FieldValue.StructValue(Map.of("a\u0000", new FieldValue.NullValue())))
        .isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "dash-ed", "dot.ted", "ünï", "a2345678901234567890123456789012345678901234567890123456789012345"})
  void topLevelKeysAreShortWordCharacters(String key) {
    assertThatThrownBy(() -> RecordFields.of(Map.of(key, new FieldValue.NullValue())))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void atMostOneHundredTopLevelKeys() {
    Map<String, FieldValue> values = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      values.put("k" + i, new FieldValue.BoolValue(true));
    }
    RecordFields.of(values);
    values.put("one_more", new FieldValue.BoolValue(true));

    assertThatThrownBy(() -> RecordFields.of(values)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("100");
  }

  @Test
  void nestedAtMostEightLevelsCountingTheFieldsThemselves() {
    assertThat(RecordFields.of(Map.of("v", nested(7))).values()).hasSize(1);
    assertThatThrownBy(() -> RecordFields.of(Map.of("v", nested(8)))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void atMostSixtyFourKibibytesOfJson() {
    // {"v":"..."} is 8 bytes around the string; é is two bytes in UTF-8.
    RecordFields.of(Map.of("v", new FieldValue.StringValue("x".repeat(RecordFields.MAX_BYTES - 8))));

    assertThatThrownBy(() -> RecordFields.of(Map.of("v",
        new FieldValue.StringValue("x".repeat(RecordFields.MAX_BYTES - 9) + "é"))))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void changingKeysNamesExactlyTheKeysWhoseValueDiffers() {
    RecordFields before = RecordFields.of(Map.of("a", new FieldValue.NumberValue(1), "b", new FieldValue.NumberValue(2)));
    RecordFields after = before.with(Map.of("a", Optional.of(new FieldValue.NumberValue(1)), "b", Optional.empty(),
        "c", Optional.of(new FieldValue.NullValue())));

    assertThat(after.values()).isEqualTo(Map.of("a", new FieldValue.NumberValue(1), "c", new FieldValue.NullValue()));
    assertThat(before.changedKeys(after)).containsExactly("b", "c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "quote\"", "semi;colon", "back\\slash", "x'y"})
  void externalIdsAreRefusedOutsideTheirCharacterSet(String id) {
    assertThatThrownBy(() -> new ExternalId(id)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void externalIdsTakeWhatSyncToolsSend() {
    for (String id : List.of("0016g00000AbCdEAAZ", "hs:1234", "ada+crm@acme.example", "a/b/c", "x".repeat(255))) {
      assertThat(new ExternalId(id).value()).isEqualTo(id);
    }
    assertThatThrownBy(() -> new ExternalId("x".repeat(256))).isInstanceOf(InvalidValueException.class);
  }

  /** A value {@code levels} lists deep below the fields object. */
  private static FieldValue nested(int levels) {
    FieldValue value = new FieldValue.StringValue("bottom");
    for (int i = 0; i < levels; i++) {
      value = new FieldValue.ListValue(List.of(value));
    }
    return value;
  }
}
