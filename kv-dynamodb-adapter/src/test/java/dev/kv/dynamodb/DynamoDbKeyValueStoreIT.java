package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Entry;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.Key;
import dev.kv.core.KeyValueStore;
import dev.kv.core.Limits;
import dev.kv.core.NewEntry;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import dev.kv.core.contract.KeyValueStoreContract;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole port contract against a real DynamoDB implementation (a fresh table per test), plus
 * what only this adapter has: the table shape, items of the original service, expired items that
 * DynamoDB has not deleted yet, cursors, a missing table.
 */
class DynamoDbKeyValueStoreIT extends KeyValueStoreContract {

  private static DynamoDbTestEndpoint dynamo;

  private String table;

  @BeforeAll
  static void startDynamoDb() {
    dynamo = DynamoDbTestEndpoint.shared();
  }

  @Override
  protected KeyValueStore createStore() {
    table = dynamo.createTable();
    return new DynamoDbKeyValueStore(dynamo.client(), table);
  }

  /** The listing index is eventually consistent: a listing may lag a write briefly. */
  @Override
  protected Duration listingLag() {
    return Duration.ofSeconds(3);
  }

  @AfterEach
  void dropTable() {
    if (table != null) {
      dynamo.deleteTable(table);
    }
  }

  // --- items of the original service ---------------------------------------------------------

  @Test
  void itemOfTheOriginalServiceIsServedAsVersionZeroPlainText() {
    putRaw(Map.of("Key", s("legacy"), "Value", s("hello")));

    Entry entry = kv.get(Key.of("legacy")).orElseThrow();

    assertThat(entry.value()).isEqualTo(bytes("hello"));
    assertThat(entry.contentType()).isEqualTo(Limits.LEGACY_CONTENT_TYPE);
    assertThat(entry.version()).isZero();
    assertThat(entry.updatedAt()).isNull();
    assertThat(entry.expiresAt()).isNull();
  }

  @Test
  void itemsOfTheOriginalServiceAreListedOnceMigrated() {
    putRaw(Map.of("Key", s("legacy/b"), "Value", s("hello")));
    putRaw(Map.of("Key", s("legacy/a"), "Value", s("hello")));
    kv.put(Key.of("legacy/c"), bytes("v"), null);

    listingEventually(() -> assertThat(allKeys("legacy/", 10)).containsExactly("legacy/c"));
    List<KvTable.MigrationProgress> reports = new ArrayList<>();
    KvTable.Migration first = new KvTable(dynamo.client(), table).migrate(reports::add);

    assertThat(first.indexAdded()).isFalse();
    assertThat(first.progress().updated()).isEqualTo(2);
    assertThat(first.progress().skipped()).isEqualTo(1);
    assertThat(reports).isNotEmpty().last().satisfies(p -> assertThat(p.finished()).isTrue());
    assertThat(rawItem("legacy/a")).containsKey("KeyShard").containsEntry("Value", s("hello"));
    listingEventually(
        () ->
            assertThat(allKeys("legacy/", 10)).containsExactly("legacy/a", "legacy/b", "legacy/c"));
    assertThat(kv.get(Key.of("legacy/b")).orElseThrow().version()).isZero();

    KvTable.Migration again = new KvTable(dynamo.client(), table).migrate(p -> {});
    assertThat(again.progress().updated()).as("idempotent").isZero();
    assertThat(again.progress().skipped()).isEqualTo(3);
  }

  @Test
  void migrationNeverUndoesADeleteOrAWriteThatLandsBetweenItsReadAndItsUpdate() {
    putRaw(Map.of("Key", s("gone"), "Value", s("x")));
    putRaw(Map.of("Key", s("kept"), "Value", s("x")));
    putRaw(Map.of("Key", s("plain"), "Value", s("x")));

    KvTable.Migration migration =
        new KvTable(dynamo.client(), table)
            .migrate(
                p -> {},
                key -> {
                  if (key.equals("gone")) {
                    dynamo
                        .client()
                        .deleteItem(b -> b.tableName(table).key(Map.of("Key", s("gone"))));
                  } else if (key.equals("kept")) {
                    kv.put(Key.of("kept"), bytes("new"), "text/plain");
                  }
                });

    assertThat(migration.progress().updated()).isEqualTo(1);
    assertThat(migration.progress().skipped()).isEqualTo(2);
    assertThat(rawItem("gone")).isNullOrEmpty();
    Entry kept = kv.get(Key.of("kept")).orElseThrow();
    assertThat(kept.value()).isEqualTo(bytes("new"));
    assertThat(kept.version()).isEqualTo(1);
    listingEventually(() -> assertThat(allKeys("", 10)).containsExactly("kept", "plain"));
  }

  @Test
  void itemOfTheOriginalServiceIsReplacedWithIfMatchZero() {
    putRaw(Map.of("Key", s("legacy"), "Value", s("old")));

    WriteResult result =
        kv.put(Key.of("legacy"), bytes("new"), "text/plain", Precondition.versionEquals(0), null);

    assertThat(result).isEqualTo(new WriteResult(1, false));
    assertThat(rawItem("legacy").get("Version").n()).isEqualTo("1");
    assertThat(rawItem("legacy").get("Value").s()).isEqualTo("new");
  }

  @Test
  void plainPutOverAnItemOfTheOriginalServiceReplacesItAtVersionOne() {
    putRaw(Map.of("Key", s("legacy"), "Value", s("old")));

    assertThat(kv.put(Key.of("legacy"), bytes("new"), null)).isEqualTo(new WriteResult(1, false));
  }

  @Test
  void itemOfTheOriginalServiceIsDeletedWithIfMatchZero() {
    putRaw(Map.of("Key", s("legacy"), "Value", s("old")));

    assertThat(kv.delete(Key.of("legacy"), Precondition.versionEquals(0))).isTrue();
    assertThat(rawItem("legacy")).isEmpty();
  }

  @Test
  void ifMatchZeroFailsOnAnEntryWithAVersion() {
    kv.put(Key.of("a"), bytes("v"), null);

    assertThatThrownBy(
            () -> kv.put(Key.of("a"), bytes("w"), null, Precondition.versionEquals(0), null))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).hasValue(1));
  }

  // --- the table shape -----------------------------------------------------------------------

  @Test
  void textualValueIsStoredAsStringWithItsAttributes() {
    kv.put(Key.of("j"), bytes("{\"a\": \"ż\"}"), "application/json", Precondition.NONE, null);

    Map<String, AttributeValue> item = rawItem("j");
    assertThat(item.get("Value").s()).isEqualTo("{\"a\": \"ż\"}");
    assertThat(item.get("ContentType").s()).isEqualTo("application/json");
    assertThat(item.get("Version").n()).isEqualTo("1");
    assertThat(item.get("UpdatedAt").n()).isEqualTo(Long.toString(START.toEpochMilli()));
    assertThat(item).doesNotContainKey("ExpiresAt");
  }

  @Test
  void binaryValueIsStoredAsBinary() {
    byte[] value = {0, 1, 2, (byte) 0xFF};
    kv.put(Key.of("b"), value, "application/octet-stream");

    assertThat(rawItem("b").get("Value").b().asByteArray()).isEqualTo(value);
  }

  @Test
  void invalidUtf8UnderATextualContentTypeIsStoredAsBinary() {
    byte[] value = {'o', 'k', (byte) 0xC3, (byte) 0x28};
    kv.put(Key.of("t"), value, "text/plain; charset=utf-8");

    AttributeValue stored = rawItem("t").get("Value");
    assertThat(stored.s()).isNull();
    assertThat(stored.b().asByteArray()).isEqualTo(value);
  }

  @Test
  void textUnderANonTextualContentTypeIsStoredAsBinary() {
    kv.put(Key.of("t"), bytes("plain words"), "image/png");

    assertThat(rawItem("t").get("Value").b()).isNotNull();
  }

  @Test
  void expiryIsStoredInEpochSecondsAndAPutWithoutTtlRemovesIt() {
    kv.put(Key.of("e"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(10));
    assertThat(rawItem("e").get("ExpiresAt").n())
        .isEqualTo(Long.toString(START.getEpochSecond() + 10));

    kv.put(Key.of("e"), bytes("w"), null, Precondition.MUST_EXIST, null);
    assertThat(rawItem("e")).doesNotContainKey("ExpiresAt");

    kv.put(Key.of("e"), bytes("x"), null, Precondition.NONE, Duration.ofSeconds(20));
    assertThat(rawItem("e").get("ExpiresAt").n())
        .isEqualTo(Long.toString(START.getEpochSecond() + 20));
  }

  // --- expired items DynamoDB has not deleted yet --------------------------------------------

  @Test
  void expiredItemStillInTheTableIsAbsentForEveryOperation() {
    kv.put(Key.of("x/gone"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("x/kept"), bytes("v"), null);
    clock.advance(Duration.ofSeconds(5));

    assertThat(rawItem("x/gone")).isNotEmpty();
    assertThat(kv.get(Key.of("x/gone"))).isEmpty();
    assertThat(allKeys("x/", 10)).containsExactly("x/kept");
    assertThatThrownBy(() -> kv.delete(Key.of("x/gone"), Precondition.MUST_EXIST))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).isEmpty());
    assertThatThrownBy(
            () -> kv.put(Key.of("x/gone"), bytes("w"), null, Precondition.MUST_EXIST, null))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(kv.delete(Key.of("x/gone"))).isFalse();
  }

  @Test
  void itemWrittenWithAPastExpiryIsInvisible() {
    putRaw(
        Map.of(
            "Key", s("old"),
            "Value", s("v"),
            "Version", n(7),
            "ExpiresAt", n(START.getEpochSecond() - 1)));

    assertThat(kv.get(Key.of("old"))).isEmpty();
    assertThat(allKeys("", 10)).isEmpty();
    assertThat(kv.put(Key.of("old"), bytes("new"), null)).isEqualTo(new WriteResult(1, true));
  }

  @Test
  void failedPreconditionOverAnExpiredItemReportsNoVersion() {
    kv.put(Key.of("e"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(6));

    assertThatThrownBy(
            () -> kv.put(Key.of("e"), bytes("w"), null, Precondition.versionEquals(1), null))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).isEmpty());
  }

  // --- listing -------------------------------------------------------------------------------

  @Test
  void pageIsFilledWithLiveKeysAlthoughMostItemsExpired() {
    for (int i = 0; i < 40; i++) {
      kv.put(Key.of("dead/" + i), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(1));
    }
    for (int i = 0; i < 5; i++) {
      kv.put(Key.of("live/" + i), bytes("v"), null);
    }
    clock.advance(Duration.ofSeconds(1));

    Page page = kv.list("", 5, null);

    assertThat(page.keys()).hasSize(5).allSatisfy(k -> assertThat(k).startsWith("live/"));
  }

  @Test
  void listingAcrossManyQueriesReturnsEveryKeyOnceInOrder() {
    for (int i = 0; i < 260; i++) {
      kv.put(Key.of("m/" + i), bytes("v"), null);
      if (i % 2 == 0) {
        kv.put(Key.of("n/" + i), bytes("v"), null);
      }
    }

    List<String> seen = allKeys("m/", 30);

    assertThat(seen).hasSize(260).isEqualTo(utf8Sorted(seen));
    assertThat(new HashSet<>(seen)).hasSize(260);
    Page everything = kv.list("", 1000, null);
    assertThat(everything.keys()).hasSize(390).isEqualTo(utf8Sorted(everything.keys()));
    assertThat(everything.cursor()).isNull();
  }

  @Test
  void cursorsAreUrlSafe() {
    for (int i = 0; i < 12; i++) {
      kv.put(Key.of("ключ/🙂/" + i), bytes("v"), null);
    }
    List<String> cursors = new ArrayList<>();
    String cursor = null;
    do {
      Page page = kv.list("", 2, cursor);
      cursor = page.cursor();
      if (cursor != null) {
        cursors.add(cursor);
      }
    } while (cursor != null);

    assertThat(cursors).isNotEmpty().allSatisfy(c -> assertThat(c).matches("[A-Za-z0-9_-]+"));
  }

  @Test
  void forgedOrCorruptCursorsAreInvalidRequests() {
    kv.put(Key.of("a"), bytes("v"), null);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    List<String> bad =
        List.of(
            "%%% not a cursor %%%",
            "not base64!",
            base64.encodeToString(bytes("m1:a")),
            base64.encodeToString(bytes("d1:")),
            base64.encodeToString(bytes("d1:a\u0001b")),
            base64.encodeToString(bytes("d2:a")),
            base64.encodeToString(new byte[] {'d', '1', ':', (byte) 0xFF}),
            base64.encodeToString(bytes("d1:" + "k".repeat(Limits.MAX_KEY_BYTES + 1))));

    for (String cursor : bad) {
      assertThatThrownBy(() -> kv.list("", 10, cursor))
          .as("cursor %s", cursor)
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  // --- configuration errors ------------------------------------------------------------------

  @Test
  void missingTableIsAConfigurationErrorNamingTheTable() {
    KeyValueStore missing = new DynamoDbKeyValueStore(dynamo.client(), "kv-no-such-table");
    NewEntry entry = new NewEntry(Key.of("k"), bytes("v"), "text/plain", null);

    List<Runnable> operations =
        List.of(
            () -> missing.get(Key.of("k"), START),
            () -> missing.put(entry, Precondition.NONE, START),
            () -> missing.put(entry, Precondition.versionEquals(3), START),
            () -> missing.delete(Key.of("k"), Precondition.NONE, START),
            () -> missing.list("", null, 10, null, START));
    for (Runnable operation : operations) {
      assertThatThrownBy(operation::run)
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'kv-no-such-table'")
          .hasMessageContaining("does not exist");
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private void putRaw(Map<String, AttributeValue> item) {
    dynamo.client().putItem(b -> b.tableName(table).item(item));
  }

  private Map<String, AttributeValue> rawItem(String key) {
    Map<String, AttributeValue> keyMap = new HashMap<>();
    keyMap.put("Key", s(key));
    return dynamo.client().getItem(b -> b.tableName(table).key(keyMap).consistentRead(true)).item();
  }

  private static AttributeValue s(String text) {
    return AttributeValue.fromS(text);
  }

  private static AttributeValue n(long number) {
    return AttributeValue.fromN(Long.toString(number));
  }
}
