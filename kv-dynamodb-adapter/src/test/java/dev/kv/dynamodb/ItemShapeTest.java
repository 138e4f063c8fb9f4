package dev.kv.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.Limits;
import dev.kv.core.NewEntry;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemShapeTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "text/plain; charset=utf-8",
        "TEXT/CSV",
        "text/html;charset=UTF-8",
        "application/json",
        "application/problem+json",
        "application/xml",
        "image/svg+xml",
        "application/javascript",
        "application/yaml",
        "application/x-www-form-urlencoded",
        "text/plain; charset=\"us-ascii\"",
        "application/toml"
      })
  void valuesUnderTextualContentTypesAreStrings(String contentType) {
    assertThat(ItemShape.value("a = 1".getBytes(UTF_8), contentType).s()).isEqualTo("a = 1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/octet-stream",
        "image/png",
        "application/pdf",
        "application/jsonish",
        "text/plain; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "multipart/form-data; boundary=x"
      })
  void valuesUnderOtherContentTypesAreBinary(String contentType) {
    assertThat(ItemShape.value("a = 1".getBytes(UTF_8), contentType).s()).isNull();
  }

  @Test
  void validUtf8TextIsAString() {
    AttributeValue value = ItemShape.value("zażółć 🙂".getBytes(UTF_8), "text/plain");

    assertThat(value.s()).isEqualTo("zażółć 🙂");
  }

  @Test
  void invalidUtf8IsBinaryWhateverTheContentType() {
    byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
    byte[] encodedSurrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

    assertThat(ItemShape.value(overlongSlash, "text/plain").b().asByteArray())
        .isEqualTo(overlongSlash);
    assertThat(ItemShape.value(encodedSurrogate, "text/plain").b().asByteArray())
        .isEqualTo(encodedSurrogate);
  }

  @Test
  void fullItemRoundTrips() {
    NewEntry written =
        new NewEntry(Key.of("a/b"), "x".getBytes(UTF_8), "text/csv", Instant.ofEpochSecond(99));

    Map<String, AttributeValue> item = ItemShape.item(written, 4, NOW);
    Entry read = ItemShape.entry(item);

    assertThat(item.get("UpdatedAt").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
    assertThat(item.get("ExpiresAt").n()).isEqualTo("99");
    assertThat(read).isEqualTo(written.toEntry(4, NOW));
  }

  @Test
  void itemOfTheOriginalServiceReadsAsVersionZeroPlainText() {
    Entry entry =
        ItemShape.entry(
            Map.of("Key", AttributeValue.fromS("k"), "Value", AttributeValue.fromS("v")));

    assertThat(entry.version()).isZero();
    assertThat(entry.contentType()).isEqualTo(Limits.LEGACY_CONTENT_TYPE);
    assertThat(entry.updatedAt()).isNull();
    assertThat(entry.expiresAt()).isNull();
    assertThat(entry.value()).isEqualTo("v".getBytes(UTF_8));
  }

  @Test
  void binaryValueAndMissingValueRead() {
    byte[] data = {1, 2, 3};
    Entry binary =
        ItemShape.entry(
            Map.of(
                "Key", AttributeValue.fromS("k"),
                "Value", AttributeValue.fromB(SdkBytes.fromByteArray(data))));
    Entry missing = ItemShape.entry(Map.of("Key", AttributeValue.fromS("k")));

    assertThat(binary.value()).isEqualTo(data);
    assertThat(missing.value()).isEmpty();
  }

  @Test
  void fractionalExpiryRoundsUpLikeTheWriteConditions() {
    Map<String, AttributeValue> item =
        Map.of("Key", AttributeValue.fromS("k"), "ExpiresAt", AttributeValue.fromN("10.5"));

    assertThat(ItemShape.entry(item).expiresAt()).isEqualTo(Instant.ofEpochSecond(11));
    assertThat(ItemShape.isExpired(item, Instant.ofEpochSecond(10, 999_000_000))).isFalse();
    assertThat(ItemShape.isExpired(item, Instant.ofEpochSecond(11))).isTrue();
  }

  @Test
  void itemOfAnotherShapeIsAnError() {
    assertThatThrownBy(() -> ItemShape.entry(Map.of("Value", AttributeValue.fromS("v"))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ItemShape.entry(
                    Map.of("Key", AttributeValue.fromS("k"), "Value", AttributeValue.fromN("1"))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                ItemShape.entry(
                    Map.of("Key", AttributeValue.fromS("k"), "Version", AttributeValue.fromS("1"))))
        .isInstanceOf(IllegalStateException.class);
  }
}
