package dev.kv.dynamodb;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.Limits;
import dev.kv.core.MediaTypes;
import dev.kv.core.NewEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table shape of the spec: attribute names, and the mapping between items and entries. Items of
 * the original service ({@code Key} and {@code Value} as S, nothing else) read as version 0 with
 * the legacy content type.
 *
 * <p>Why core's contract fits DynamoDB: {@code Limits.MAX_VALUE_BYTES} (384 KiB) keeps an item,
 * with its key and attributes, under DynamoDB's 400 KB item limit; expiry is whole seconds because
 * {@code ExpiresAt} is the table's TTL attribute (epoch seconds); write times are milliseconds
 * because {@code UpdatedAt} holds epoch milliseconds.
 */
final class ItemShape {

  static final String KEY = "Key";
  static final String VALUE = "Value";
  static final String CONTENT_TYPE = "ContentType";
  static final String VERSION = "Version";
  static final String UPDATED_AT = "UpdatedAt";
  static final String EXPIRES_AT = "ExpiresAt";

  private ItemShape() {}

  /** The primary key of the item under {@code key}. */
  static Map<String, AttributeValue> key(Key key) {
    return Map.of(KEY, AttributeValue.fromS(key.value()));
  }

  /** The whole item {@code entry} becomes when written with {@code version} at {@code now}. */
  static Map<String, AttributeValue> item(NewEntry entry, long version, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(8);
    item.put(KEY, AttributeValue.fromS(entry.key().value()));
    item.put(VALUE, value(entry.value(), entry.contentType()));
    item.put(CONTENT_TYPE, AttributeValue.fromS(entry.contentType()));
    item.put(VERSION, number(version));
    item.put(UPDATED_AT, number(now.toEpochMilli()));
    item.put(ListingIndex.SHARD, number(ListingIndex.shard(entry.key().value())));
    if (entry.expiresAt() != null) {
      item.put(EXPIRES_AT, number(entry.expiresAt().getEpochSecond()));
    }
    return item;
  }

  /** The {@code Value} attribute: S for a value that is text (see {@link MediaTypes}), else B. */
  static AttributeValue value(byte[] bytes, String contentType) {
    if (MediaTypes.isTextual(contentType)) {
      String text = MediaTypes.decodeUtf8(bytes);
      if (text != null) {
        return AttributeValue.fromS(text);
      }
    }
    return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes));
  }

  /** A number attribute. */
  static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }

  /**
   * The entry an item holds, whether live or not.
   *
   * @throws IllegalStateException when the item does not have the table's shape
   */
  static Entry entry(Map<String, AttributeValue> item) {
    AttributeValue key = item.get(KEY);
    if (key == null || key.s() == null) {
      throw new IllegalStateException("An item has no string attribute '" + KEY + "'");
    }
    String keyText = key.s();
    AttributeValue ct = item.get(CONTENT_TYPE);
    return new Entry(
        Key.of(keyText),
        valueBytes(item.get(VALUE)),
        ct == null || ct.s() == null ? Limits.LEGACY_CONTENT_TYPE : ct.s(),
        item.containsKey(VERSION) ? wholeNumber(VERSION, item.get(VERSION)) : 0,
        item.containsKey(UPDATED_AT)
            ? Instant.ofEpochMilli(wholeNumber(UPDATED_AT, item.get(UPDATED_AT)))
            : null,
        item.containsKey(EXPIRES_AT) ? expiry(item.get(EXPIRES_AT)) : null);
  }

  /** The version an item holds: its {@code Version}, 0 when it has none (original service). */
  static long version(Map<String, AttributeValue> item) {
    AttributeValue version = item.get(VERSION);
    if (version == null) {
      return 0;
    }
    return wholeNumber(VERSION, version);
  }

  /** Whether an item (possibly projected to {@code Key} and {@code ExpiresAt}) is expired. */
  static boolean isExpired(Map<String, AttributeValue> item, Instant now) {
    AttributeValue expiresAt = item.get(EXPIRES_AT);
    if (expiresAt == null) {
      return false;
    }
    return !now.isBefore(expiry(expiresAt));
  }

  /** The text {@code bytes} encode in UTF-8, or {@code null}: {@link MediaTypes#decodeUtf8}. */
  static String strictUtf8(byte[] bytes) {
    return MediaTypes.decodeUtf8(bytes);
  }

  private static byte[] valueBytes(AttributeValue value) {
    if (value == null) {
      return new byte[0];
    }
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8);
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe();
    }
    throw new IllegalStateException(
        "An item has a '" + VALUE + "' that is neither a string nor binary");
  }

  private static long wholeNumber(String attribute, AttributeValue value) {
    if (value.n() == null) {
      throw new IllegalStateException("An item has a '" + attribute + "' that is not a number");
    }
    try {
      return new BigDecimal(value.n()).longValueExact();
    } catch (ArithmeticException | NumberFormatException notWhole) {
      throw new IllegalStateException(
          "An item has a '" + attribute + "' that is not a whole number", notWhole);
    }
  }

  private static Instant expiry(AttributeValue value) {
    if (value.n() == null) {
      throw new IllegalStateException("An item has a '" + EXPIRES_AT + "' that is not a number");
    }
    // Rounded up: "ExpiresAt > now in whole seconds" (the condition writes use) then agrees with
    // Entry.isExpiredAt even for a fractional value written by someone else.
    BigDecimal seconds = new BigDecimal(value.n()).setScale(0, RoundingMode.CEILING);
    BigDecimal max = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    BigDecimal min = BigDecimal.valueOf(Instant.MIN.getEpochSecond());
    return Instant.ofEpochSecond(seconds.max(min).min(max).longValueExact());
  }
}
