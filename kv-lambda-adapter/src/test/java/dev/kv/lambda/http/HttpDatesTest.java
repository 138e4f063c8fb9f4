package dev.kv.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  @Test
  void writesTheImfFixdateOfRfc9110() {
    assertThat(HttpDates.format(Instant.parse("1994-11-06T08:49:37Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.format(Instant.parse("2026-01-01T00:00:00.999Z")))
        .isEqualTo("Thu, 01 Jan 2026 00:00:00 GMT");
  }

  @Property(tries = 2000)
  void agreesWithJavaTimeOnEverySecondOfYearsOneToNineThousand(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond) {
    Instant instant = Instant.ofEpochSecond(epochSecond, 123_000_000);

    assertThat(HttpDates.format(instant)).isEqualTo(REFERENCE.format(instant));
  }
}
