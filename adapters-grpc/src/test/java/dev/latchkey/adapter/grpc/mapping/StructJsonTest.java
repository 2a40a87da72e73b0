package dev.latchkey.adapter.grpc.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StructJsonTest {
  @Test
  void whatItPrintsParsesBackToTheSameStruct() throws Exception {
    Random random = new Random();
    for (int i = 0; i < 500; i++) {
      Struct struct = randomStruct(random, 0);

      Struct.Builder back = Struct.newBuilder();
      JsonFormat.parser().merge(StructJson.print(struct), back);

      assertThat(back.build()).isEqualTo(struct);
    }
  }

  @Test
  void numbersAndEscapesAreJson() {
    Struct struct = Struct.newBuilder()
        .putFields("n", Value.newBuilder().setNumberValue(12).build())
        .putFields("s", Value.newBuilder().setStringValue("a\"b\\c\n\u0001\u00e9\uD83D\uDE00").build())
        .build();

    assertThat(StructJson.print(struct)).isIn("{\"n\":12,\"s\":\"a\\\"b\\\\c\\n\\u0001\u00e9\uD83D\uDE00\"}",
        "{\"s\":\"a\\\"b\\\\c\\n\\u0001\u00e9\uD83D\uDE00\",\"n\":12}");
  }

  @Test
  void nanInfinityAndDeepNestingAreRefused() {
    assertThatThrownBy(() -> StructJson.print(Struct.newBuilder()
        .putFields("n", Value.newBuilder().setNumberValue(Double.NaN).build()).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StructJson.print(Struct.newBuilder()
        .putFields("n", Value.newBuilder().setNumberValue(Double.NEGATIVE_INFINITY).build()).build()))
        .isInstanceOf(IllegalArgumentException.class);
    Struct deep = Struct.getDefaultInstance();
    for (int i = 0; i < StructJson.MAX_DEPTH + 2; i++) {
      deep = Struct.newBuilder().putFields("d", Value.newBuilder().setStructValue(deep).build()).build();
    }
    Struct tooDeep = deep;
    assertThatThrownBy(() -> StructJson.print(tooDeep)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Struct randomStruct(Random random, int depth) {
    Struct.Builder struct = Struct.newBuilder();
    int fields = random.nextInt(4);
    for (int i = 0; i < fields; i++) {
      struct.putFields(randomText(random), randomValue(random, depth + 1));
    }
    return struct.build();
  }

  private static Value randomValue(Random random, int depth) {
    return switch (random.nextInt(depth > 3 ? 4 : 6)) {
      case 0 -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      case 1 -> Value.newBuilder().setBoolValue(random.nextBoolean()).build();
      case 2 -> Value.newBuilder().setNumberValue(random.nextBoolean() ? random.nextInt(1000) - 500
          : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20)).build();
      case 3 -> Value.newBuilder().setStringValue(randomText(random)).build();
      case 4 -> Value.newBuilder().setStructValue(randomStruct(random, depth)).build();
      default -> {
        ListValue.Builder list = ListValue.newBuilder();
        for (int i = random.nextInt(3); i > 0; i--) {
          list.addValues(randomValue(random, depth + 1));
        }
        yield Value.newBuilder().setListValue(list).build();
      }
    };
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      int kind = random.nextInt(5);
      text.appendCodePoint(switch (kind) {
        case 0 -> random.nextInt(0x20);
        case 1 -> "\"\\/".charAt(random.nextInt(3));
        case 2 -> 0x1F600 + random.nextInt(50);
        case 3 -> 0xE9 + random.nextInt(200);
        default -> 'a' + random.nextInt(26);
      });
    }
    return text.toString();
  }
}
