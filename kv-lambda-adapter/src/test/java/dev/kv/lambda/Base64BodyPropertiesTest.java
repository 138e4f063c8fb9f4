package dev.kv.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Base64 bodies decode as the contract says (standard alphabet, padding optional, line breaks
 * allowed), checked against a decoder written here from RFC 4648's definition rather than from the
 * JDK's decoders the production code uses: same bytes for what it accepts, a 400 for anything else.
 */
class Base64BodyPropertiesTest {

  @Property(tries = 3000)
  void decodesExactlyAsTheDefinition(@ForAll("base64ish") String body) {
    byte[] expected = rfc4648(body);

    if (expected == null) {
      assertThatThrownBy(() -> ProxyEvents.decodeBase64(body))
          .isInstanceOf(InvalidRequestException.class);
    } else {
      assertThat(ProxyEvents.decodeBase64(body)).isEqualTo(expected);
    }
  }

  @Property(tries = 500)
  void readsBackWhatTheEncoderWrote(@ForAll byte[] value) {
    assertThat(ProxyEvents.decodeBase64(Base64.getEncoder().encodeToString(value)))
        .isEqualTo(value);
    assertThat(ProxyEvents.decodeBase64(Base64.getMimeEncoder().encodeToString(value)))
        .isEqualTo(value);
  }

  @Provide
  Arbitrary<String> base64ish() {
    Arbitrary<String> valid =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(40)
            .map(Base64.getEncoder()::encodeToString);
    Arbitrary<String> noise = Arbitraries.strings().withChars("AQZaz09+/=\r\n -_*").ofMaxLength(24);
    Arbitrary<String> validWithNoise = valid.flatMap(v -> noise.map(n -> v + n));
    return Arbitraries.oneOf(valid, noise, validWithNoise);
  }

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /**
   * RFC 4648 base64 as kv accepts it (docs/design-decisions.md): alphabet characters, with line
   * breaks (CR, LF) anywhere among them; a last group of one character is not base64; a last group
   * of two or three may end in its padding ("==" or "=", written together), after which only
   * further '=' and line breaks may follow (ignored). Returns null for anything else.
   */
  private static byte[] rfc4648(String body) {
    int firstPad = body.indexOf('=');
    String data =
        (firstPad < 0 ? body : body.substring(0, firstPad)).replace("\r", "").replace("\n", "");
    int lastGroup = data.length() % 4;
    if (lastGroup == 1) {
      return null;
    }
    if (firstPad >= 0) {
      String required = lastGroup == 2 ? "==" : lastGroup == 3 ? "=" : null;
      if (required == null || !body.startsWith(required, firstPad)) {
        return null;
      }
      String after = body.substring(firstPad + required.length());
      if (!after.chars().allMatch(c -> c == '=' || c == '\r' || c == '\n')) {
        return null;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int bits = 0;
    int bitCount = 0;
    for (int i = 0; i < data.length(); i++) {
      int sextet = ALPHABET.indexOf(data.charAt(i));
      if (sextet < 0) {
        return null;
      }
      bits = (bits << 6) | sextet;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        bytes.write((bits >> bitCount) & 0xFF);
      }
    }
    return bytes.toByteArray();
  }
}
