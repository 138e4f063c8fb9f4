package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "TEXT/HTML; charset=UTF-8",
        "application/json",
        "application/problem+json",
        "application/atom+xml",
        "application/xml",
        "application/yaml",
        "application/javascript",
        "application/x-www-form-urlencoded",
        "application/octet-stream; charset=utf-8",
        "application/toml",
        "application/x-ndjson",
        "application/vnd.api+yaml",
        "text/plain; charset=\"US-ASCII\""
      })
  void textualTypes(String type) {
    assertThat(MediaTypes.isTextual(type)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/octet-stream",
        "image/png",
        "application/pdf",
        "x",
        "application/jsonish",
        "text/plain; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "multipart/form-data; boundary=x"
      })
  void binaryTypes(String type) {
    assertThat(MediaTypes.isTextual(type)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void nullIsNotTextual() {
    assertThat(MediaTypes.isTextual(null)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void utf8Validity() {
    assertThat(MediaTypes.isValidUtf8("plain".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(MediaTypes.isValidUtf8("zażółć 🙂".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(MediaTypes.isValidUtf8(new byte[] {(byte) 0xC3, 0x28})).isFalse();
    assertThat(MediaTypes.isValidUtf8(new byte[] {(byte) 0xE2, (byte) 0x82})).isFalse();
    assertThat(MediaTypes.isText("text/plain", new byte[] {(byte) 0xFF})).isFalse();
    assertThat(MediaTypes.isText("image/png", new byte[] {'a'})).isFalse();
    assertThat(MediaTypes.isText("text/plain", new byte[] {'a'})).isTrue();
    assertThat(MediaTypes.decodeUtf8(new byte[] {(byte) 0xC0, (byte) 0xAF})).isNull();
    assertThat(MediaTypes.decodeUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isNull();
    assertThat(MediaTypes.decodeUtf8("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
  }
}
