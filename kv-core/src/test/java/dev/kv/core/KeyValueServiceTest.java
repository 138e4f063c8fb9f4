package dev.kv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/** The service's own rules: validation, clock and expiry arithmetic, delegation to the port. */
class KeyValueServiceTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456789Z");

  private static final Instant NOW_MILLIS = Instant.parse("2026-03-04T05:06:07.123Z");

  private final KeyValueStore store = stubStore();
  private final KeyValueService kv = new KeyValueService(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void putPassesTheEntryAndTheClockAtMillisecondPrecision() {
    kv.put(Key.of("k"), new byte[] {1}, "text/plain");

    verify(store)
        .put(
            new NewEntry(Key.of("k"), new byte[] {1}, "text/plain", null),
            Precondition.NONE,
            NOW_MILLIS);
  }

  @Test
  void ttlSetsExpiryInWholeSecondsFromNow() {
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(60));

    ArgumentCaptor<NewEntry> put = ArgumentCaptor.forClass(NewEntry.class);
    verify(store).put(put.capture(), any(), any());
    assertThat(put.getValue().expiresAt()).isEqualTo(Instant.parse("2026-03-04T05:07:07Z"));
  }

  @Test
  void ttlBoundsAreInclusive() {
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(1));
    kv.put(Key.of("k"), new byte[0], null, Precondition.NONE, Duration.ofSeconds(315_360_000));

    verify(store, times(2)).put(any(), any(), any());
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
    verify(store, never()).put(any(), any(), any());
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
    verify(store, never()).put(any(), any(), any());
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
    verify(store, never()).put(any(), any(), any());
  }

  @Test
  void getAndDeleteDelegateWithTheClock() {
    kv.get(Key.of("k"));
    verify(store).get(Key.of("k"), NOW_MILLIS);

    KeyValueService aSecondLater =
        new KeyValueService(store, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));
    Instant later = Instant.parse("2026-03-04T05:06:08.123Z");
    assertThat(aSecondLater.delete(Key.of("k"))).isTrue();
    verify(store).delete(eq(Key.of("k")), any(), eq(later));
    assertThat(aSecondLater.delete(Key.of("k"), Precondition.versionEquals(2))).isTrue();
    verify(store).delete(Key.of("k"), Precondition.versionEquals(2), later);
  }

  @Test
  void listChecksLimitPrefixAndCursor() {
    assertThat(kv.list(null, 1, null).keys()).containsExactly("listed");
    verify(store).list(eq(""), isNull(), anyInt(), any(), any());
    String cursor = ListingCursor.afterKey("p/", "/", "p/x").encode();
    kv.list("p/", "/", 1000, cursor);
    verify(store).list(eq("p/"), eq("/"), anyInt(), eq(cursor), any());
    clearInvocations(store);

    assertThatThrownBy(() -> kv.list("p/", 10, "c")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("q/", "/", 10, cursor))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> kv.list("", "", 10, null)).isInstanceOf(InvalidRequestException.class);
    verify(store, never()).list(any(), any(), anyInt(), any(), any());

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

  /** A stub store answering with fixed results; the tests verify what the service hands it. */
  private static KeyValueStore stubStore() {
    KeyValueStore store = mock(KeyValueStore.class);
    when(store.put(any(), any(), any())).thenReturn(new WriteResult(1, true));
    when(store.delete(any(), any(), any())).thenReturn(true);
    when(store.list(any(), any(), anyInt(), any(), any()))
        .thenReturn(new Page(List.of("listed"), null));
    when(store.name()).thenReturn("recording");
    return store;
  }
}
