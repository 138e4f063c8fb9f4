package dev.kv.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  @Test
  void ordersByUtf8BytesWhereUtf16Disagrees() {
    String fullwidthA = "\uFF21";
    String grinning = "\uD83D\uDE00";

    assertThat(fullwidthA.compareTo(grinning)).as("UTF-16 order").isPositive();
    assertThat(KeyOrder.compare(fullwidthA, grinning)).as("UTF-8 order").isNegative();
    assertThat(KeyOrder.compare("B", "a")).isNegative();
    assertThat(KeyOrder.compare("a", "\u00E9")).isNegative();
    assertThat(KeyOrder.compare("\u00E9", grinning)).isNegative();
    assertThat(KeyOrder.compare("ab", "ab")).isZero();
    assertThat(KeyOrder.compare("ab", "abc")).isNegative();
  }

  @Test
  void agreesWithUnsignedByteComparisonOnRandomText() {
    Random random = new Random(11);
    int[] ranges = {0x20, 0x7E, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      int length = 1 + random.nextInt(4);
      for (int j = 0; j < length; j++) {
        int r = random.nextInt(ranges.length / 2) * 2;
        b.appendCodePoint(ranges[r] + random.nextInt(ranges[r + 1] - ranges[r] + 1));
      }
      words.add(b.toString());
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      String a = words.get(i);
      String c = words.get(i + 1);
      int bytes = Arrays.compareUnsigned(a.getBytes(UTF_8), c.getBytes(UTF_8));
      assertThat(Integer.signum(KeyOrder.compare(a, c)))
          .as("%s vs %s", a, c)
          .isEqualTo(Integer.signum(bytes));
    }
  }

  @Test
  void successorSortsAfterEveryExtensionOfThePrefix() {
    assertThat(KeyOrder.successor("a/")).isEqualTo("a0");
    assertThat(KeyOrder.successor("a\uD7FF")).isEqualTo("a\uE000");
    assertThat(KeyOrder.successor("a\uDBFF\uDFFF")).isEqualTo("b");
    assertThat(KeyOrder.successor("\uDBFF\uDFFF")).isNull();
    assertThat(KeyOrder.successor("")).isNull();
    for (String prefix : List.of("a/", "x\uFFFF", "\uD83D\uDE00", "q\uDBFF\uDFFF")) {
      String next = KeyOrder.successor(prefix);
      for (String tail : List.of("", " ", "~", "\uFFFF", "\uDBFF\uDFFF\uDBFF\uDFFF")) {
        assertThat(KeyOrder.compare(prefix + tail, next)).isNegative();
      }
      assertThat(next.startsWith(prefix)).isFalse();
    }
  }

  @Test
  void keysCompareInTheSameOrder() {
    assertThat(Key.of("\uFF21").compareTo(Key.of("\uD83D\uDE00"))).isNegative();
  }
}
