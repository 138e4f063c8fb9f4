package dev.kv.lambda.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * HTTP dates (RFC 9110 IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}), written by hand: a
 * {@code java.time} pattern formatter costs its class initialisation at cold start and more per
 * call than these few lines.
 */
final class HttpDates {

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private HttpDates() {}

  /** The IMF-fixdate of {@code instant}, to the second (years 0 to 9999). */
  static String format(Instant instant) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(29);
    out.append(DAYS[time.getDayOfWeek().ordinal()]).append(", ");
    digits(out, time.getDayOfMonth(), 2).append(' ');
    out.append(MONTHS[time.getMonthValue() - 1]).append(' ');
    digits(out, time.getYear(), 4).append(' ');
    digits(out, time.getHour(), 2).append(':');
    digits(out, time.getMinute(), 2).append(':');
    digits(out, time.getSecond(), 2).append(" GMT");
    return out.toString();
  }

  private static StringBuilder digits(StringBuilder out, int value, int width) {
    String text = Integer.toString(value);
    for (int i = text.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(text);
  }
}
