package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's own rules: validation, clock and expiry arithmetic, delegation to the port. */
class KeyValueServiceTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");

  private final RecordingStore store = new RecordingStore();
  private final MutableClock clock = new MutableClock(NOW);
  private final KeyValueService kv = new KeyValueService(store, clock);

  @Test
  void putPassesTheEntryAndTheClockAtMillisecondPrecision() {
    kv.put(Key.of("k"), new byte[] {1}, "text/plain");

    assertThat(store.puts)
        .containsExactly(new NewEntry(Key.of("k"), new byte[] {1}, "text/plain", null));
    assertThat(store.lastNow).isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));
    assertThat(store.lastPrecondition).isEqualTo(Precondition.NONE);
  }

  @Test
  void ttlSetsExpiryInWholeSecondsFromNow() {
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(60));

    assertThat(store.puts.get(0).expiresAt()).isEqualTo(Instant.parse("2026-03-04T05:07:07Z"));
  }

  @Test
  void ttlBoundsAreInclusive() {
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(1));
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(315_360_000));

    assertThat(store.puts).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 315_360_001, Long.MAX_VALUE})
  void ttlOutsideItsBoundsIsRejected(long seconds) {
    assertThatThrownBy(() -> KeyValueService.checkTtl(seconds))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(
            () ->
                kv.put(
                    Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(seconds)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(store.puts).isEmpty();
  }

  @Test
  void fractionalTtlIsRejected() {
    assertThatThrownBy(
            () ->
                kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofMillis(1500)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void contentTypeDefaultsAndIsTrimmed() {
    assertThat(KeyValueService.checkContentType(null)).isEqualTo("application/octet-stream");
    assertThat(KeyValueService.checkContentType(" text/plain ")).isEqualTo("text/plain");
    assertThat(KeyValueService.checkContentType("a/b;\tq=1")).isEqualTo("a/b;\tq=1");
    assertThat(KeyValueService.checkContentType("x".repeat(256))).hasSize(256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "text/plain\r\nX-Evil: 1", "text/ü", "a\u0000b"})
  void badContentTypeIsRejected(String contentType) {
    assertThatThrownBy(() -> kv.put(Key.of("k"), new byte[0], contentType))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Content-Type");
    assertThat(store.puts).isEmpty();
  }

  @Test
  void contentTypeOver256CharactersIsRejected() {
    assertThatThrownBy(() -> KeyValueService.checkContentType("x".repeat(257)))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void valueOverTheLimitNeverReachesTheStore() {
    assertThatThrownBy(
            () -> kv.put(Key.of("k"), new byte[Limits.MAX_VALUE_BYTES + 1], "text/plain"))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(store.puts).isEmpty();
  }

  @Test
  void getAndDeleteDelegateWithTheClock() {
    kv.get(Key.of("k"));
    assertThat(store.lastNow).isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));

    clock.advance(Duration.ofSeconds(1));
    assertThat(kv.delete(Key.of("k"))).isTrue();
    assertThat(store.lastNow).isEqualTo(Instant.parse("2026-03-04T05:06:08.123Z"));
    assertThat(kv.delete(Key.of("k"), Precondition.versionEquals(2))).isTrue();
    assertThat(store.lastPrecondition).isEqualTo(Precondition.versionEquals(2));
  }

  @Test
  void listChecksLimitPrefixAndCursor() {
    assertThat(kv.list(null, 1, null).keys()).containsExactly("listed");
    assertThat(store.lastPrefix).isEmpty();
    String cursor = ListingCursor.afterKey("p/", "/", "p/x").encode();
    kv.list("p/", "/", 1000, cursor);
    assertThat(store.lastPrefix).isEqualTo("p/");
    assertThat(store.lastDelimiter).isEqualTo("/");
    assertThat(store.lastCursor).isEqualTo(cursor);
    int calls = store.listCalls;

    assertThatThrownBy(() -> kv.list("p/", 10, "c")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("q/", "/", 10, cursor))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("", "", 10, null)).isInstanceOf(InvalidRequestException.class);
    assertThat(store.listCalls).as("rejected listings never reach the store").isEqualTo(calls);

    assertThatThrownBy(() -> kv.list("", 0, null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("", 1001, null)).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("", 10, "")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("a\nb", 10, null)).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void storeNameComesFromTheStore() {
    assertThat(kv.storeName()).isEqualTo("recording");
    assertThat(new KeyValueService(store).storeName()).isEqualTo("recording");
  }

  /** Records what the service hands the port, and answers with fixed results. */
  private static final class RecordingStore implements KeyValueStore {
    final List<NewEntry> puts = new ArrayList<>();
    Instant lastNow;
    Precondition lastPrecondition;
    String lastPrefix;
    String lastDelimiter;
    String lastCursor;
    int listCalls;

    @Override
    public Optional<Entry> get(Key key, Instant now) {
      lastNow = now;
      return Optional.empty();
    }

    @Override
    public WriteResult put(NewEntry entry, Precondition precondition, Instant now) {
      puts.add(entry);
      lastNow = now;
      lastPrecondition = precondition;
      return new WriteResult(1, true);
    }

    @Override
    public boolean delete(Key key, Precondition precondition, Instant now) {
      lastNow = now;
      lastPrecondition = precondition;
      return true;
    }

    @Override
    public Page list(String prefix, String delimiter, int limit, String cursor, Instant now) {
      lastPrefix = prefix;
      lastDelimiter = delimiter;
      lastCursor = cursor;
      listCalls++;
      return new Page(List.of("listed"), null);
    }

    @Override
    public String name() {
      return "recording";
    }
  }
}
