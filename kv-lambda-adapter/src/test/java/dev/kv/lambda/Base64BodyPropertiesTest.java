package dev.kv.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kv.core.InvalidRequestException;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path for plain base64 bodies decides exactly as the strict MIME path alone did: same
 * bytes for what both accept, a 400 for what it rejected.
 */
class Base64BodyPropertiesTest {

  @Property(tries = 3000)
  void decodesExactlyAsTheStrictMimePath(@ForAll("base64ish") String body) {
    byte[] expected = strictMimeOnly(body);

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

  /** The decoding before the fast path: strict character check, then the MIME decoder. */
  private static byte[] strictMimeOnly(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '='
              || c == '\r'
              || c == '\n';
      if (!ok) {
        return null;
      }
    }
    try {
      return Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
