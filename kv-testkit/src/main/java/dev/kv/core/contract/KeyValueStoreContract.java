package dev.kv.core.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Entry;
import dev.kv.core.InvalidRequestException;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.KeyValueStore;
import dev.kv.core.Limits;
import dev.kv.core.ListingCursor;
import dev.kv.core.Page;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.ValueTooLargeException;
import dev.kv.core.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyValueStore} must show. An adapter's test extends this class and
 * supplies a fresh, empty store; the suite drives it through {@link KeyValueService} with a clock
 * it controls.
 */
public abstract class KeyValueStoreContract {

  /** A whole second, so expiry boundaries are exact. */
  protected static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  protected MutableClock clock;
  protected KeyValueStore store;
  protected KeyValueService kv;

  /** A new store with no entries, used by one test. */
  protected abstract KeyValueStore createStore();

  /** Threads in the lost-update test. */
  protected int concurrentWriters() {
    return 8;
  }

  /** Successful increments each thread makes in the lost-update test. */
  protected int incrementsPerWriter() {
    return 200;
  }

  @BeforeEach
  void setUpStore() {
    clock = new MutableClock(START);
    store = createStore();
    kv = new KeyValueService(store, clock);
  }

  @AfterEach
  void tearDownStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  // --- create, read, replace ---------------------------------------------------------------

  @Test
  void getOfMissingKeyIsEmpty() {
    assertThat(kv.get(Key.of("missing"))).isEmpty();
  }

  @Test
  void firstPutCreatesVersionOne() {
    WriteResult result = kv.put(Key.of("a"), bytes("hello"), "text/plain");

    assertThat(result).isEqualTo(new WriteResult(1, true));
    Entry entry = kv.get(Key.of("a")).orElseThrow();
    assertThat(entry.value()).isEqualTo(bytes("hello"));
    assertThat(entry.contentType()).isEqualTo("text/plain");
    assertThat(entry.version()).isEqualTo(1);
    assertThat(entry.updatedAt()).isEqualTo(START);
    assertThat(entry.expiresAt()).isNull();
  }

  @Test
  void everyReplaceIncrementsTheVersion() {
    kv.put(Key.of("a"), bytes("1"), null);
    clock.advance(Duration.ofSeconds(5));
    WriteResult second = kv.put(Key.of("a"), bytes("2"), null);
    WriteResult third = kv.put(Key.of("a"), bytes("3"), null);

    assertThat(second).isEqualTo(new WriteResult(2, false));
    assertThat(third).isEqualTo(new WriteResult(3, false));
    Entry entry = kv.get(Key.of("a")).orElseThrow();
    assertThat(entry.value()).isEqualTo(bytes("3"));
    assertThat(entry.version()).isEqualTo(3);
    assertThat(entry.updatedAt()).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void putWithoutContentTypeStoresOctetStream() {
    kv.put(Key.of("a"), bytes("x"), null);

    assertThat(kv.get(Key.of("a")).orElseThrow().contentType())
        .isEqualTo(Limits.DEFAULT_CONTENT_TYPE);
  }

  @Test
  void replaceStoresTheNewContentType() {
    kv.put(Key.of("a"), bytes("{}"), "application/json");
    kv.put(Key.of("a"), bytes("x"), "text/csv");

    assertThat(kv.get(Key.of("a")).orElseThrow().contentType()).isEqualTo("text/csv");
  }

  @Test
  void keysAreCaseSensitive() {
    kv.put(Key.of("Key"), bytes("upper"), null);
    kv.put(Key.of("key"), bytes("lower"), null);

    assertThat(kv.get(Key.of("Key")).orElseThrow().value()).isEqualTo(bytes("upper"));
    assertThat(kv.get(Key.of("key")).orElseThrow().value()).isEqualTo(bytes("lower"));
  }

  // --- values are bytes ----------------------------------------------------------------------

  @Test
  void emptyValueRoundTrips() {
    kv.put(Key.of("empty"), new byte[0], "text/plain");

    assertThat(kv.get(Key.of("empty")).orElseThrow().value()).isEmpty();
  }

  @Test
  void everyByteValueRoundTripsExactly() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    kv.put(Key.of("binary"), all, "application/octet-stream");

    assertThat(kv.get(Key.of("binary")).orElseThrow().value()).isEqualTo(all);
  }

  @Test
  void invalidUtf8UnderTextualContentTypeRoundTripsExactly() {
    byte[] notUtf8 = {'o', 'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0};
    kv.put(Key.of("not-utf8"), notUtf8, "text/plain; charset=utf-8");

    Entry entry = kv.get(Key.of("not-utf8")).orElseThrow();
    assertThat(entry.value()).isEqualTo(notUtf8);
    assertThat(entry.contentType()).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void unicodeTextRoundTrips() {
    byte[] text = "zażółć gęślą jaźń — 你好 🙂".getBytes(UTF_8);
    kv.put(Key.of("text"), text, "text/plain; charset=utf-8");

    assertThat(kv.get(Key.of("text")).orElseThrow().value()).isEqualTo(text);
  }

  @Test
  void valueOfExactlyTheLimitIsStored() {
    byte[] max = randomBytes(Limits.MAX_VALUE_BYTES, 7);
    WriteResult result = kv.put(Key.of("max"), max, null);

    assertThat(result.created()).isTrue();
    assertThat(kv.get(Key.of("max")).orElseThrow().value()).isEqualTo(max);
  }

  @Test
  void valueOverTheLimitIsRejectedAndNothingChanges() {
    kv.put(Key.of("big"), bytes("before"), null);

    assertThatThrownBy(() -> kv.put(Key.of("big"), new byte[Limits.MAX_VALUE_BYTES + 1], null))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(kv.get(Key.of("big")).orElseThrow().value()).isEqualTo(bytes("before"));
  }

  // --- keys ----------------------------------------------------------------------------------

  @Test
  void unicodeSlashAndPunctuationKeysAreDistinct() {
    List<String> keys =
        List.of("a/b/c", "a/b", "ключ/子/🙂", "with space", "plus+sign", "percent%2F", "a//b");
    for (String k : keys) {
      kv.put(Key.of(k), bytes("v:" + k), null);
    }
    for (String k : keys) {
      assertThat(kv.get(Key.of(k)).orElseThrow().value()).isEqualTo(bytes("v:" + k));
    }
  }

  @Test
  void keyOfMaximumLengthIsStored() {
    String longest = "é".repeat(Limits.MAX_KEY_BYTES / 2);
    kv.put(Key.of(longest), bytes("v"), null);

    assertThat(kv.get(Key.of(longest))).isPresent();
  }

  // --- preconditions -------------------------------------------------------------------------

  @Test
  void createOnlyPutSucceedsWhenAbsent() {
    WriteResult result = kv.put(Key.of("a"), bytes("v"), null, Precondition.MUST_NOT_EXIST, null);

    assertThat(result).isEqualTo(new WriteResult(1, true));
  }

  @Test
  void createOnlyPutFailsWhenPresentAndReportsCurrentVersion() {
    kv.put(Key.of("a"), bytes("v1"), null);
    kv.put(Key.of("a"), bytes("v2"), null);

    assertThatThrownBy(
            () -> kv.put(Key.of("a"), bytes("new"), null, Precondition.MUST_NOT_EXIST, null))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).hasValue(2));
    assertThat(kv.get(Key.of("a")).orElseThrow().value()).isEqualTo(bytes("v2"));
  }

  @Test
  void mustExistPutFailsWhenAbsentAndCreatesNothing() {
    assertThatThrownBy(() -> kv.put(Key.of("a"), bytes("v"), null, Precondition.MUST_EXIST, null))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).isEmpty());
    assertThat(kv.get(Key.of("a"))).isEmpty();
  }

  @Test
  void mustExistPutReplacesWhenPresent() {
    kv.put(Key.of("a"), bytes("v1"), null);

    WriteResult result = kv.put(Key.of("a"), bytes("v2"), null, Precondition.MUST_EXIST, null);

    assertThat(result).isEqualTo(new WriteResult(2, false));
    assertThat(kv.get(Key.of("a")).orElseThrow().value()).isEqualTo(bytes("v2"));
  }

  @Test
  void putWithCurrentVersionSucceeds() {
    kv.put(Key.of("a"), bytes("v1"), null);

    WriteResult result =
        kv.put(Key.of("a"), bytes("v2"), null, Precondition.versionEquals(1), null);

    assertThat(result).isEqualTo(new WriteResult(2, false));
  }

  @Test
  void putWithStaleVersionIsRejected() {
    kv.put(Key.of("a"), bytes("v1"), null);
    kv.put(Key.of("a"), bytes("v2"), null);

    assertThatThrownBy(
            () -> kv.put(Key.of("a"), bytes("v3"), null, Precondition.versionEquals(1), null))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).hasValue(2));
    Entry entry = kv.get(Key.of("a")).orElseThrow();
    assertThat(entry.value()).isEqualTo(bytes("v2"));
    assertThat(entry.version()).isEqualTo(2);
  }

  @Test
  void putWithVersionOnMissingKeyIsRejected() {
    assertThatThrownBy(
            () -> kv.put(Key.of("a"), bytes("v"), null, Precondition.versionEquals(1), null))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(kv.get(Key.of("a"))).isEmpty();
  }

  @Test
  void putWithVersionZeroOnMissingKeyIsRejected() {
    assertThatThrownBy(
            () -> kv.put(Key.of("a"), bytes("v"), null, Precondition.versionEquals(0), null))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(kv.get(Key.of("a"))).isEmpty();
  }

  // --- delete --------------------------------------------------------------------------------

  @Test
  void deleteRemovesTheEntry() {
    kv.put(Key.of("a"), bytes("v"), null);

    assertThat(kv.delete(Key.of("a"))).isTrue();
    assertThat(kv.get(Key.of("a"))).isEmpty();
  }

  @Test
  void deleteOfMissingKeyReportsNothingDeleted() {
    assertThat(kv.delete(Key.of("missing"))).isFalse();
  }

  @Test
  void putAfterDeleteStartsAgainAtVersionOne() {
    kv.put(Key.of("a"), bytes("v1"), null);
    kv.put(Key.of("a"), bytes("v2"), null);
    kv.delete(Key.of("a"));

    assertThat(kv.put(Key.of("a"), bytes("v3"), null)).isEqualTo(new WriteResult(1, true));
  }

  @Test
  void deleteWithStaleVersionIsRejectedAndKeepsTheEntry() {
    kv.put(Key.of("a"), bytes("v1"), null);
    kv.put(Key.of("a"), bytes("v2"), null);

    assertThatThrownBy(() -> kv.delete(Key.of("a"), Precondition.versionEquals(1)))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class, e -> assertThat(e.currentVersion()).hasValue(2));
    assertThat(kv.get(Key.of("a"))).isPresent();
  }

  @Test
  void deleteWithCurrentVersionDeletes() {
    kv.put(Key.of("a"), bytes("v1"), null);

    assertThat(kv.delete(Key.of("a"), Precondition.versionEquals(1))).isTrue();
    assertThat(kv.get(Key.of("a"))).isEmpty();
  }

  @Test
  void deleteWithVersionOnMissingKeyIsRejected() {
    assertThatThrownBy(() -> kv.delete(Key.of("a"), Precondition.versionEquals(1)))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void deleteWithMustExistOnMissingKeyIsRejected() {
    assertThatThrownBy(() -> kv.delete(Key.of("a"), Precondition.MUST_EXIST))
        .isInstanceOf(PreconditionFailedException.class);
  }

  // --- expiry --------------------------------------------------------------------------------

  @Test
  void entryIsLiveUntilTheLastMomentBeforeItsExpiry() {
    kv.put(Key.of("t"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(10));

    clock.set(START.plusSeconds(10).minusMillis(1));
    Entry entry = kv.get(Key.of("t")).orElseThrow();
    assertThat(entry.expiresAt()).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void entryIsAbsentFromItsExpirySecondOn() {
    kv.put(Key.of("t"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(10));

    clock.set(START.plusSeconds(10));
    assertThat(kv.get(Key.of("t"))).isEmpty();
  }

  @Test
  void expiredEntryIsAbsentForDelete() {
    kv.put(Key.of("t"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));

    assertThat(kv.delete(Key.of("t"))).isFalse();
  }

  @Test
  void createOnlyPutOverExpiredEntrySucceedsAtVersionOne() {
    kv.put(Key.of("t"), bytes("old"), null);
    kv.put(Key.of("t"), bytes("old2"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(6));

    WriteResult result = kv.put(Key.of("t"), bytes("new"), null, Precondition.MUST_NOT_EXIST, null);

    assertThat(result).isEqualTo(new WriteResult(1, true));
    Entry entry = kv.get(Key.of("t")).orElseThrow();
    assertThat(entry.value()).isEqualTo(bytes("new"));
    assertThat(entry.version()).isEqualTo(1);
    assertThat(entry.expiresAt()).isNull();
  }

  @Test
  void plainPutOverExpiredEntryIsACreate() {
    kv.put(Key.of("t"), bytes("old"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    assertThat(kv.put(Key.of("t"), bytes("new"), null)).isEqualTo(new WriteResult(1, true));
  }

  @Test
  void mustExistPutOverExpiredEntryIsRejected() {
    kv.put(Key.of("t"), bytes("old"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    assertThatThrownBy(() -> kv.put(Key.of("t"), bytes("new"), null, Precondition.MUST_EXIST, null))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void versionedPutOverExpiredEntryIsRejected() {
    kv.put(Key.of("t"), bytes("old"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    assertThatThrownBy(
            () -> kv.put(Key.of("t"), bytes("new"), null, Precondition.versionEquals(1), null))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void putWithoutTtlClearsAnEarlierExpiry() {
    kv.put(Key.of("t"), bytes("v1"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("t"), bytes("v2"), null);
    clock.advance(Duration.ofDays(1));

    Entry entry = kv.get(Key.of("t")).orElseThrow();
    assertThat(entry.expiresAt()).isNull();
    assertThat(entry.version()).isEqualTo(2);
  }

  @Test
  void putWithTtlReplacesAnEarlierExpiry() {
    kv.put(Key.of("t"), bytes("v1"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("t"), bytes("v2"), null, Precondition.NONE, Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(30));

    assertThat(kv.get(Key.of("t")).orElseThrow().expiresAt()).isEqualTo(START.plusSeconds(60));
  }

  // --- listing -------------------------------------------------------------------------------

  @Test
  void listingOfEmptyStoreIsOneEmptyPage() {
    Page page = kv.list("", 10, null);

    assertThat(page.keys()).isEmpty();
    assertThat(page.cursor()).isNull();
  }

  @Test
  void listingReturnsOnlyKeysWithThePrefixInOrder() {
    for (String k : List.of("app/a", "app/b", "apple", "b/app", "ap")) {
      kv.put(Key.of(k), bytes("v"), null);
    }

    listingEventually(
        () -> {
          assertThat(allKeys("app/", 100)).containsExactly("app/a", "app/b");
          assertThat(allKeys("app", 100)).containsExactly("app/a", "app/b", "apple");
          assertThat(allKeys("", 100)).containsExactly("ap", "app/a", "app/b", "apple", "b/app");
          assertThat(allKeys("zzz", 100)).isEmpty();
        });
  }

  @Test
  void pagesTogetherReturnEveryKeyExactlyOnceInOrder() {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      String k = "p/" + i;
      kv.put(Key.of(k), bytes("v"), null);
      written.add(k);
    }
    kv.put(Key.of("other"), bytes("v"), null);
    kv.put(Key.of("p"), bytes("v"), null);
    kv.put(Key.of("p0"), bytes("v"), null);

    listingEventually(
        () -> assertThat(allKeys("p/", 7)).containsExactlyElementsOf(utf8Sorted(written)));
  }

  @Test
  void keysAreInUtf8ByteOrderNotUtf16Order() {
    // U+FF21 sorts before U+1F600 in UTF-8 (EF BC A1 < F0 9F 98 80), after it in UTF-16
    // (FF21 > D83D): a store that sorts Java strings lists them the wrong way round.
    List<String> written =
        List.of(
            "o/\uFF21", "o/\uD83D\uDE00", "o/a", "o/B", "o/\u00E9", "o/z", "o/\uFFFD!", "o/\uE000");
    for (String k : written) {
      kv.put(Key.of(k), bytes("v"), null);
    }
    List<String> expected = utf8Sorted(written);
    assertThat(expected.indexOf("o/\uFF21")).isLessThan(expected.indexOf("o/\uD83D\uDE00"));

    listingEventually(
        () -> {
          assertThat(allKeys("o/", 100)).containsExactlyElementsOf(expected);
          assertThat(allKeys("o/", 1)).containsExactlyElementsOf(expected);
          assertThat(allKeys("o/", 3)).containsExactlyElementsOf(expected);
        });
  }

  @Test
  void delimiterGroupsNestedAndAdjacentPrefixes() {
    for (String k :
        List.of(
            "a/b", "a/b-", "a/b/c", "a/b/d/e", "a/bb/x", "a/c", "a", "a/", "b/x", "a//y", "a/b/")) {
      kv.put(Key.of(k), bytes("v"), null);
    }

    listingEventually(
        () -> {
          Page page = kv.list("a/", "/", 100, null);
          assertThat(page.keys()).containsExactly("a/", "a/b", "a/b-", "a/c");
          assertThat(page.prefixes()).containsExactly("a//", "a/b/", "a/bb/");
          assertThat(page.cursor()).isNull();

          Page nested = kv.list("a/b/", "/", 100, null);
          assertThat(nested.keys()).containsExactly("a/b/", "a/b/c");
          assertThat(nested.prefixes()).containsExactly("a/b/d/");

          Page top = kv.list("", "/", 100, null);
          assertThat(top.keys()).containsExactly("a");
          assertThat(top.prefixes()).containsExactly("a/", "b/");
        });
  }

  @Test
  void delimiterOfSeveralCharacters() {
    for (String k : List.of("x--1--2", "x--1--3", "x-1", "x--2", "x-\u00E9--9")) {
      kv.put(Key.of(k), bytes("v"), null);
    }

    listingEventually(
        () -> {
          Page page = kv.list("x", "--", 100, null);
          assertThat(page.keys()).containsExactly("x-1");
          assertThat(page.prefixes()).containsExactly("x--", "x-\u00E9--");
          Page inner = kv.list("x--", "--", 100, null);
          assertThat(inner.keys()).containsExactly("x--2");
          assertThat(inner.prefixes()).containsExactly("x--1--");
        });
  }

  @Test
  void limitOneWalksKeysAndPrefixesAsOneSortedSequence() {
    for (String k : List.of("s/a", "s/b/1", "s/b/2", "s/c", "s/d/1", "s/e", "s/\uD83D\uDE00/x")) {
      kv.put(Key.of(k), bytes("v"), null);
    }
    List<String> expected = List.of("s/a", "s/b/", "s/c", "s/d/", "s/e", "s/\uD83D\uDE00/");

    listingEventually(
        () -> {
          assertThat(walk("s/", "/", 1)).containsExactlyElementsOf(expected);
          assertThat(walk("s/", "/", 2)).containsExactlyElementsOf(expected);
          assertThat(walk("s/", "/", 4)).containsExactlyElementsOf(expected);
        });
  }

  @Test
  void aPrefixThatIsItselfAKeyIsListed() {
    for (String k : List.of("p", "p/1", "p0", "o", "q")) {
      kv.put(Key.of(k), bytes("v"), null);
    }

    listingEventually(
        () -> {
          assertThat(allKeys("p", 1)).containsExactly("p", "p/1", "p0");
          Page grouped = kv.list("p", "/", 10, null);
          assertThat(grouped.keys()).containsExactly("p", "p0");
          assertThat(grouped.prefixes()).containsExactly("p/");
        });
  }

  @Test
  void pageHoldsAtMostLimitKeys() {
    for (int i = 0; i < 10; i++) {
      kv.put(Key.of("k" + i), bytes("v"), null);
    }

    listingEventually(
        () -> {
          Page first = kv.list("", 3, null);
          assertThat(first.keys()).containsExactly("k0", "k1", "k2");
          assertThat(first.cursor()).isNotNull();
        });
  }

  @Test
  void listingSkipsExpiredEntries() {
    for (int i = 0; i < 20; i++) {
      Duration ttl = i % 2 == 0 ? Duration.ofSeconds(5) : null;
      kv.put(Key.of("e/" + i), bytes("v"), null, Precondition.NONE, ttl);
    }
    clock.advance(Duration.ofSeconds(5));

    listingEventually(
        () ->
            assertThat(allKeys("e/", 3)).hasSize(10).allSatisfy(k -> assertThat(odd(k)).isTrue()));
  }

  @Test
  void aCommonPrefixWhoseKeysAllExpiredIsNotListed() {
    kv.put(Key.of("g/gone/1"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("g/gone/2"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("g/half/1"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    kv.put(Key.of("g/half/2"), bytes("v"), null);
    kv.put(Key.of("g/k"), bytes("v"), null, Precondition.NONE, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    listingEventually(
        () -> {
          Page page = kv.list("g/", "/", 10, null);
          assertThat(page.keys()).isEmpty();
          assertThat(page.prefixes()).containsExactly("g/half/");
        });
  }

  @Test
  void listingSkipsDeletedEntries() {
    kv.put(Key.of("d/1"), bytes("v"), null);
    kv.put(Key.of("d/2"), bytes("v"), null);
    kv.delete(Key.of("d/1"));

    listingEventually(() -> assertThat(allKeys("d/", 10)).containsExactly("d/2"));
  }

  @Test
  void corruptCursorIsAnInvalidRequest() {
    kv.put(Key.of("a"), bytes("v"), null);

    assertThatThrownBy(() -> kv.list("", 10, "%%% not a cursor %%%"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> store.list("", null, 10, "%%% not a cursor %%%", clock.instant()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void tamperedOrForeignCursorIsAnInvalidRequest() {
    for (int i = 0; i < 6; i++) {
      kv.put(Key.of("t/" + i + "/x"), bytes("v"), null);
      kv.put(Key.of("u/" + i), bytes("v"), null);
    }
    String cursor =
        listingEventually(
            () -> {
              String c = kv.list("t/", "/", 2, null).cursor();
              assertThat(c).isNotNull();
              return c;
            });

    assertThat(kv.list("t/", "/", 2, cursor).prefixes()).containsExactly("t/2/", "t/3/");
    for (int i = 0; i < cursor.length(); i++) {
      char flipped = cursor.charAt(i) == 'A' ? 'B' : 'A';
      String tampered = cursor.substring(0, i) + flipped + cursor.substring(i + 1);
      assertThatThrownBy(() -> kv.list("t/", "/", 2, tampered))
          .as("cursor with character %d changed", i)
          .isInstanceOf(InvalidRequestException.class);
    }
    assertThatThrownBy(() -> kv.list("u/", "/", 2, cursor))
        .as("another prefix")
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("t/", null, 2, cursor))
        .as("no delimiter")
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("t/", "x", 2, cursor))
        .as("another delimiter")
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("t/", "/", 2, cursor + "A"))
        .as("longer")
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("t/", "/", 2, cursor.substring(1)))
        .as("shorter")
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aCursorNeverLeadsOutsideItsPrefix() {
    kv.put(Key.of("in/1"), bytes("v"), null);
    kv.put(Key.of("out/1"), bytes("v"), null);
    // A well-formed cursor of the listing of everything, positioned before "out/".
    String everything = ListingCursor.afterKey("", null, "in/1").encode();

    assertThatThrownBy(() -> kv.list("in/", 10, everything))
        .isInstanceOf(InvalidRequestException.class);
    listingEventually(
        () -> assertThat(kv.list("", 10, everything).keys()).containsExactly("out/1"));
  }

  @Test
  void invalidDelimiterIsAnInvalidRequest() {
    for (String bad :
        List.of(
            "",
            "\n",
            "/\u007F",
            "12345678901234567",
            "\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9\u00E9")) {
      assertThatThrownBy(() -> kv.list("", bad, 10, null))
          .as("delimiter %s", bad.codePoints().boxed().toList())
          .isInstanceOf(InvalidRequestException.class);
    }
    assertThat(kv.list("", "1234567890123456", 10, null).keys()).isEmpty();
    assertThat(kv.list("", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 10, null).keys())
        .isEmpty();
  }

  // --- concurrency ---------------------------------------------------------------------------

  @Test
  void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
    Key counter = Key.of("counter");
    kv.put(counter, bytes("0"), "text/plain");
    int threads = concurrentWriters();
    int perThread = incrementsPerWriter();
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            () -> {
              for (int i = 0; i < perThread; ) {
                Entry current = kv.get(counter).orElseThrow();
                long next = Long.parseLong(new String(current.value(), UTF_8)) + 1;
                try {
                  kv.put(
                      counter,
                      bytes(Long.toString(next)),
                      "text/plain",
                      Precondition.versionEquals(current.version()),
                      null);
                  i++;
                } catch (PreconditionFailedException lost) {
                  conflicts.incrementAndGet();
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(workers, 10, TimeUnit.MINUTES)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Entry end = kv.get(counter).orElseThrow();
    long total = (long) threads * perThread;
    assertThat(new String(end.value(), UTF_8)).isEqualTo(Long.toString(total));
    assertThat(end.version()).isEqualTo(total + 1);
  }

  // --- helpers -------------------------------------------------------------------------------

  /**
   * How long a listing may lag an acknowledged write in this store: 0 (the default) where it never
   * does. A store whose listing reads an eventually consistent index (DynamoDB) returns a short,
   * bounded time, and the listing checks are retried until it has passed.
   */
  protected Duration listingLag() {
    return Duration.ZERO;
  }

  /**
   * Runs a listing check, retried until {@link #listingLag()} has passed, then for the last time.
   */
  protected void listingEventually(Runnable check) {
    listingEventually(
        () -> {
          check.run();
          return null;
        });
  }

  /** Like {@link #listingEventually(Runnable)}, returning what the check returns. */
  protected <T> T listingEventually(Callable<T> check) {
    long deadline = System.nanoTime() + listingLag().toNanos();
    while (true) {
      try {
        return check.call();
      } catch (AssertionError | Exception notYet) {
        if (System.nanoTime() >= deadline) {
          if (notYet instanceof AssertionError a) {
            throw a;
          }
          throw new AssertionError(notYet);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
  }

  /** Keys sorted by their UTF-8 bytes, unsigned: the order listings must show. */
  protected static List<String> utf8Sorted(List<String> keys) {
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8)));
    return sorted;
  }

  /**
   * Walks every page of a listing with a delimiter and returns keys and prefixes as one sequence,
   * in the order seen (within a page, merged by UTF-8 bytes).
   */
  protected List<String> walk(String prefix, String delimiter, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page page = kv.list(prefix, delimiter, limit, cursor);
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      List<String> both = new ArrayList<>(page.keys());
      both.addAll(page.prefixes());
      seen.addAll(utf8Sorted(both));
      cursor = page.cursor();
      assertThat(++pages).as("pages walked").isLessThan(10_000);
    } while (cursor != null);
    return seen;
  }

  /** Walks every page of a listing and returns the keys in the order seen. */
  protected List<String> allKeys(String prefix, int limit) {
    List<String> keys = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page page = kv.list(prefix, limit, cursor);
      assertThat(page.keys().size()).isLessThanOrEqualTo(limit);
      keys.addAll(page.keys());
      cursor = page.cursor();
      assertThat(++pages).as("pages walked").isLessThan(10_000);
    } while (cursor != null);
    return keys;
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static boolean odd(String key) {
    return Integer.parseInt(key.substring(key.indexOf('/') + 1)) % 2 == 1;
  }
}
