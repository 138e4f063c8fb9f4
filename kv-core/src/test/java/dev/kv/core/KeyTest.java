package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {

  @Test
  void keyOfOneByteIsValid() {
    assertThat(Key.of("a").value()).isEqualTo("a");
  }

  @Test
  void keyOf1024BytesIsValidAnd1025IsNot() {
    assertThat(Key.of("x".repeat(1024)).utf8Length()).isEqualTo(1024);
    assertThatThrownBy(() -> Key.of("x".repeat(1025)))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("1024 bytes");
  }

  @Test
  void lengthIsCountedInUtf8Bytes() {
    String threeBytesEach = "€".repeat(341); // 1023 bytes
    assertThat(Key.of(threeBytesEach).utf8Length()).isEqualTo(1023);
    assertThatThrownBy(() -> Key.of(threeBytesEach + "€")).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void emptyAndNullKeysAreInvalid() {
    assertThatThrownBy(() -> Key.of("")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Key.of(null)).isInstanceOf(InvalidKeyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "tab\there", "new\nline", "\u001f", "del\u007f"})
  void controlCharactersAreInvalid(String key) {
    assertThatThrownBy(() -> Key.of(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("control character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "a\udc00b", "\ud800x"})
  void unpairedSurrogatesAreInvalid(String key) {
    assertThatThrownBy(() -> Key.of(key))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("Unicode");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "../etc/passwd", "🙂", "with space", "ü", "%2F", "+"})
  void printableUnicodeSlashesAndDotsAreValid(String key) {
    assertThat(Key.of(key).toString()).isEqualTo(key);
  }

  @Test
  void prefixMayBeEmptyOrNull() {
    assertThat(Key.checkPrefix(null)).isEmpty();
    assertThat(Key.checkPrefix("")).isEmpty();
    assertThat(Key.checkPrefix("a/")).isEqualTo("a/");
  }

  @Test
  void prefixFollowsTheKeyRulesOtherwise() {
    assertThatThrownBy(() -> Key.checkPrefix("a\nb")).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> Key.checkPrefix("y".repeat(1025)))
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void keysCompareByValue() {
    assertThat(Key.of("a").compareTo(Key.of("b"))).isNegative();
    assertThat(Key.of("a")).isEqualTo(Key.of("a"));
  }
}
