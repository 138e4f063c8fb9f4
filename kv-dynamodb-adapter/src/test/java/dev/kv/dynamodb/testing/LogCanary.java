package dev.kv.dynamodb.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A distinctive key and value that the log-canary tests send through every error path; no log line
 * may ever contain them. Every form they take on the wire contains {@link #MARK}, so a search of
 * the whole test suite's output for it ({@code grep -r kvlogcanary}) finds every leak.
 */
public final class LogCanary {

  /** In every canary key and value, and nowhere else in the project's test data. */
  public static final String MARK = "kvlogcanary";

  /** A key shaped like a secret: what a log must never show. */
  public static final String KEY = "session/" + MARK + "-k3y-7c1e9b";

  /** A value that must never reach a log. */
  public static final String VALUE = MARK + "-va1ue-52d9f0";

  private LogCanary() {}

  /** The forms of the canary a leak could take in a log line. */
  public static List<String> forms() {
    List<String> forms = new ArrayList<>();
    forms.add(MARK);
    forms.add(Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)));
    forms.add(Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
    return forms;
  }

  /** The lines of {@code lines} that contain a form of the canary. */
  public static List<String> leaks(List<String> lines) {
    return lines.stream().filter(line -> forms().stream().anyMatch(line::contains)).toList();
  }

  /**
   * The leaking lines with every form of the canary replaced by {@code <canary>}, to report a leak
   * without putting the canary into the build's own output.
   */
  public static List<String> redactedLeaks(List<String> lines) {
    return leaks(lines).stream()
        .map(
            line -> {
              String out = line;
              for (String form : forms()) {
                out = out.replace(form, "<canary>");
              }
              return out;
            })
        .toList();
  }

  /**
   * Writes items under {@code KEY + suffix} that break the table's shape in each way the store
   * checks: a value neither string nor binary, a version that is not a number, a fractional
   * version, an expiry that is not a number, an update time that is not a number.
   *
   * @return the keys written
   */
  public static List<String> writeCorruptItems(DynamoDbClient client, String table) {
    Map<String, Map<String, AttributeValue>> items =
        Map.of(
            "/value-number",
            Map.of("Value", AttributeValue.fromN("7")),
            "/version-text",
            Map.of("Value", AttributeValue.fromS(VALUE), "Version", AttributeValue.fromS(VALUE)),
            "/version-fraction",
            Map.of(
                "Value",
                AttributeValue.fromB(SdkBytes.fromUtf8String(VALUE)),
                "Version",
                AttributeValue.fromN("1.5")),
            "/expiry-text",
            Map.of("Value", AttributeValue.fromS(VALUE), "ExpiresAt", AttributeValue.fromS(VALUE)),
            "/updated-text",
            Map.of(
                "Value",
                AttributeValue.fromS(VALUE),
                "Version",
                AttributeValue.fromN("1"),
                "UpdatedAt",
                AttributeValue.fromSs(List.of(VALUE))));
    List<String> keys = new ArrayList<>();
    items.forEach(
        (suffix, attributes) -> {
          Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
          item.put("Key", AttributeValue.fromS(KEY + suffix));
          client.putItem(b -> b.tableName(table).item(item));
          keys.add(KEY + suffix);
        });
    return keys;
  }
}
