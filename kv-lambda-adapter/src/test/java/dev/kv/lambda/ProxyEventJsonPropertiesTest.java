package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * kv's own reading and writing of the proxy JSON agree with the Lambda runtime's serializer on
 * events and responses full of quotes, backslashes, control characters and non-ASCII text.
 */
class ProxyEventJsonPropertiesTest {

  private static final ClassLoader LOADER = ProxyEventJsonPropertiesTest.class.getClassLoader();
  private static final PojoSerializer<APIGatewayProxyRequestEvent> EVENTS =
      LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);
  private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
      LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER);

  @Property(tries = 1000)
  void readsWhatTheRuntimesSerializerWrites(@ForAll("events") APIGatewayProxyRequestEvent event) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    EVENTS.toJson(event, json);

    APIGatewayProxyRequestEvent read = ProxyEventJson.fromJson(json.toString(UTF_8));

    assertThat(EventFields.of(read)).isEqualTo(EventFields.of(event));
  }

  @Property(tries = 1000)
  void writesWhatTheRuntimesSerializerReads(
      @ForAll("responses") APIGatewayProxyResponseEvent response) {
    byte[] json = ProxyEventJson.toJson(response).getBytes(UTF_8);

    APIGatewayProxyResponseEvent read = RESPONSES.fromJson(new ByteArrayInputStream(json));

    assertThat(read.getStatusCode()).isEqualTo(response.getStatusCode());
    assertThat(read.getHeaders()).isEqualTo(response.getHeaders());
    assertThat(read.getBody()).isEqualTo(response.getBody());
    assertThat(read.getIsBase64Encoded()).isEqualTo(response.getIsBase64Encoded());
  }

  @Provide
  Arbitrary<APIGatewayProxyRequestEvent> events() {
    Arbitrary<String> text = text();
    Arbitrary<Map<String, String>> single =
        Arbitraries.maps(text, text).ofMaxSize(4).injectNull(0.2);
    Arbitrary<Map<String, List<String>>> multi =
        Arbitraries.maps(text, text.list().ofMaxSize(3)).ofMaxSize(4).injectNull(0.2);
    Arbitrary<APIGatewayProxyRequestEvent.ProxyRequestContext> context =
        Combinators.combine(text.injectNull(0.2), text.injectNull(0.2), text.injectNull(0.2))
            .as(
                (id, stage, path) ->
                    new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(id)
                        .withStage(stage)
                        .withPath(path))
            .injectNull(0.2);
    return Combinators.combine(
            Combinators.combine(text.injectNull(0.1), text.injectNull(0.1), single, multi)
                .as(Arrays::<Object>asList),
            Combinators.combine(
                    single,
                    multi,
                    text.injectNull(0.3),
                    Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.2),
                    context)
                .as(Arrays::<Object>asList))
        .as(
            (a, b) -> {
              APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
              event.setHttpMethod((String) a.get(0));
              event.setPath((String) a.get(1));
              event.setHeaders(cast(a.get(2)));
              event.setMultiValueHeaders(cast(a.get(3)));
              event.setQueryStringParameters(cast(b.get(0)));
              event.setMultiValueQueryStringParameters(cast(b.get(1)));
              event.setBody((String) b.get(2));
              event.setIsBase64Encoded((Boolean) b.get(3));
              event.setRequestContext((APIGatewayProxyRequestEvent.ProxyRequestContext) b.get(4));
              return event;
            });
  }

  @Provide
  Arbitrary<APIGatewayProxyResponseEvent> responses() {
    Arbitrary<String> text = text();
    return Combinators.combine(
            Arbitraries.integers().between(100, 599),
            Arbitraries.maps(text, text).ofMaxSize(5).injectNull(0.1),
            text.injectNull(0.2),
            Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.2))
        .as(
            (status, headers, body, base64) ->
                new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(headers)
                    .withBody(body)
                    .withIsBase64Encoded(base64));
  }

  /** Text with what JSON must escape, and characters beyond ASCII (valid UTF-16 only). */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab/\"\\\t\n\r\u0000\u001f\u007f é€\u2028").ofMaxLength(12),
        Arbitraries.strings().all().ofMaxLength(8).filter(ProxyEventJsonPropertiesTest::wellFormed),
        Arbitraries.of("", "GET", "/key/a%2Fb", "😀", "x\uD83D\uDE00y"));
  }

  private static boolean wellFormed(String s) {
    return UTF_8.newEncoder().canEncode(s);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
