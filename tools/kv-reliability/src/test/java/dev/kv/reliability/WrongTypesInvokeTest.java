package dev.kv.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.cli.Environment;
import dev.kv.cli.Kv;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Events with fields of the wrong JSON type, run through the handler with {@code kv invoke} (which
 * reads events as the Lambda runtime does): each is either refused with one clear line and exit
 * status 1, or, where the runtime's reader would coerce the value to text, answered with a 4xx
 * problem. Never a crash or a stack trace.
 */
class WrongTypesInvokeTest {

  private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Not coercible to the event's types: refused before the handler.
    "headers-is-a-string.json,          refused",
    "headers-value-is-an-object.json,   refused",
    "multi-value-headers-not-lists.json, refused",
    "body-is-an-object.json,            refused",
    "is-base64-encoded-is-text.json,    refused",
    "path-is-an-array.json,             refused",
    "request-context-is-an-array.json,  refused",
    "event-is-an-array.json,            refused",
    "event-is-a-string.json,            refused",
    "event-is-truncated.json,           refused",
    // Scalars the reader turns into text: they reach the handler, which answers 4xx.
    "http-method-is-a-number.json,      405",
    "http-method-is-null.json,          400",
    "query-ttl-is-a-number.json,        400",
    "query-limit-is-a-boolean.json,     400",
    "if-match-is-a-number.json,         400",
  })
  void wrongTypesGetAClearErrorNotACrash(String file, String expected) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = invoke(event(file), out, err);

    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("unexpected failure");
    if (expected.equals("refused")) {
      assertThat(exit).as(err.toString()).isEqualTo(Kv.FAILED);
      assertThat(err.toString().strip())
          .startsWith("kv: cannot use the event from")
          .doesNotContain("\n");
      assertThat(out.toString()).isEmpty();
    } else {
      assertThat(exit).as(err.toString()).isEqualTo(Kv.OK);
      Matcher status = STATUS.matcher(out.toString());
      assertThat(status.find()).as(out.toString()).isTrue();
      assertThat(status.group(1)).isEqualTo(expected);
      assertThat(out.toString())
          .contains("application/problem+json")
          .doesNotContain("Exception")
          .doesNotContain("java.");
    }
  }

  @Test
  void everyFileOfTheCorpusIsListed() throws Exception {
    try (var files = java.nio.file.Files.list(event("body-is-an-object.json").getParent())) {
      assertThat(files.count()).isEqualTo(15);
    }
  }

  private static int invoke(Path event, StringWriter out, StringWriter err) {
    CommandLine kv =
        Kv.commandLine(
            new Environment(
                new ByteArrayInputStream(new byte[0]),
                Map.of(),
                (server, stop) -> {
                  throw new IllegalStateException("invoke never serves");
                }));
    kv.setOut(new PrintWriter(out, true));
    kv.setErr(new PrintWriter(err, true));
    return kv.execute("invoke", "--store", "memory", "--event", event.toString());
  }

  private static Path event(String file) throws URISyntaxException {
    return Path.of(WrongTypesInvokeTest.class.getResource("/wrong-types/" + file).toURI());
  }
}
