package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kv-core and the in-memory store, used the way the README's "Embed kv" shows. */
class EmbeddedKvTest {

  private final KeyValueService kv = new KeyValueService(new InMemoryKeyValueStore());

  @Test
  void putThenGetReturnsTheBytesAndTheirContentType() {
    WriteResult created =
        kv.put(Key.of("greeting"), "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
    Entry entry = kv.get(Key.of("greeting")).orElseThrow();

    assertTrue(created.created());
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), entry.value());
    assertEquals("text/plain", entry.contentType());
  }

  @Test
  void aConditionalWriteOnAStaleVersionIsRejected() {
    kv.put(Key.of("k"), new byte[] {1}, "application/octet-stream");
    long version = kv.get(Key.of("k")).orElseThrow().version();
    kv.put(
        Key.of("k"),
        new byte[] {2},
        "application/octet-stream",
        Precondition.versionEquals(version),
        Duration.ofHours(1));

    assertThrows(
        PreconditionFailedException.class,
        () ->
            kv.put(
                Key.of("k"),
                new byte[] {3},
                "application/octet-stream",
                Precondition.versionEquals(version),
                null));
    assertArrayEquals(new byte[] {2}, kv.get(Key.of("k")).orElseThrow().value());
  }
}
