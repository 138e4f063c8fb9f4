package dev.kv.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void readsEveryKindOfValue() {
    Object value =
        JsonReader.read(
            " {\"s\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\",\"n\":-1.5e3,\"t\":true,"
                + "\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"x\":0}} ");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/d\né😀");
    expected.put("n", new JsonReader.JsonNumber("-1.5e3"));
    expected.put("t", true);
    expected.put("f", false);
    expected.put("z", null);
    expected.put("a", List.of(new JsonReader.JsonNumber("1"), List.of(), Map.of()));
    expected.put("o", Map.of("x", new JsonReader.JsonNumber("0")));
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void aRepeatedNameKeepsItsLastValue() {
    assertThat(JsonReader.read("{\"a\":1,\"a\":\"two\"}")).isEqualTo(Map.of("a", "two"));
  }

  @Test
  void malformedJsonIsRejected() {
    for (String json :
        List.of(
            "",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{a:1}",
            "\"unterminated",
            "\"bad \\x escape\"",
            "\"\\u12\"",
            "\"raw \n newline\"",
            "01x",
            "-",
            "1.",
            "1e",
            "tru",
            "nul",
            "{} {}",
            "'single'")) {
      assertThatThrownBy(() -> JsonReader.read(json))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void nestingIsBounded() {
    char[] open = new char[10_000];
    Arrays.fill(open, '[');

    assertThatThrownBy(() -> JsonReader.read(new String(open)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeply");
  }
}
