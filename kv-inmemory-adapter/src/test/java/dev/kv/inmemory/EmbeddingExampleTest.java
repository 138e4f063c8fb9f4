package dev.kv.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.core.WriteResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's "Embed kv" example, kept here so it keeps compiling and stays true. */
class EmbeddingExampleTest {

  @Test
  void readmeShowsExactlyThisExample() throws java.io.IOException {
    String source =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("src/test/java/dev/kv/inmemory/EmbeddingExampleTest.java"));
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    String example =
        source.substring(
            source.indexOf("\n", source.lastIndexOf("// --- README example starts ---")) + 1,
            source.lastIndexOf("    // --- README example ends ---"));
    String unindented = example.stripTrailing().replaceAll("(?m)^    ", "");

    assertThat(readme).contains("```java\n" + unindented + "\n```");
  }

  @Test
  void readmeExample() {
    // --- README example starts ---
    KeyValueService kv = new KeyValueService(new InMemoryKeyValueStore());

    WriteResult created =
        kv.put(Key.of("greeting"), "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
    Entry entry = kv.get(Key.of("greeting")).orElseThrow();

    // Optimistic concurrency: write only if nobody else wrote since we read.
    kv.put(
        Key.of("greeting"),
        "hello, world".getBytes(StandardCharsets.UTF_8),
        "text/plain",
        Precondition.versionEquals(entry.version()),
        Duration.ofHours(1)); // and expire in an hour
    // --- README example ends ---

    assertThat(created.created()).isTrue();
    assertThat(entry.version()).isEqualTo(1);
    assertThat(kv.get(Key.of("greeting")).orElseThrow().value())
        .isEqualTo("hello, world".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                kv.put(
                    Key.of("greeting"),
                    new byte[0],
                    null,
                    Precondition.versionEquals(entry.version()),
                    null))
        .isInstanceOf(PreconditionFailedException.class);
  }
}
