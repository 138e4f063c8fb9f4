package dev.kv.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.inmemory.InMemoryKeyValueStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stream entry point (what the Lambda runtime calls) answers every fixture exactly as the typed
 * entry point answers the event the runtime's own serializer makes of the same JSON, and writes
 * JSON that the runtime's serializer reads back into that same response.
 */
class StreamHandlerEquivalenceTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

  private static final PojoSerializer<APIGatewayProxyRequestEvent> REQUESTS =
      LambdaEventSerializers.serializerFor(
          APIGatewayProxyRequestEvent.class, StreamHandlerEquivalenceTest.class.getClassLoader());

  private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES =
      LambdaEventSerializers.serializerFor(
          APIGatewayProxyResponseEvent.class, StreamHandlerEquivalenceTest.class.getClassLoader());

  @Test
  void everyFixtureGetsTheSameResponseThroughBothEntryPoints() throws Exception {
    KvApiHandler typed = seededHandler();
    KvApiHandler streaming = seededHandler();
    List<Path> fixtures = fixtures();
    assertThat(fixtures).hasSizeGreaterThan(30);

    for (Path fixture : fixtures) {
      String resource = fixture.getParent().getFileName() + "/" + fixture.getFileName();
      assertSameResponse(
          resource,
          EventLoader.loadApiGatewayRestEvent(resource),
          Files.readAllBytes(fixture),
          typed,
          streaming);
    }
  }

  @Test
  void everyTableCaseOfTheHostileInputsGetsTheSameResponseThroughBothEntryPoints() {
    KvApiHandler typed = seededHandler();
    KvApiHandler streaming = seededHandler();
    List<APIGatewayProxyRequestEvent> events = HostileInputTest.tableEvents();
    assertThat(events).hasSizeGreaterThan(30);

    for (APIGatewayProxyRequestEvent event : events) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      REQUESTS.toJson(event, json);
      String name = event.getHttpMethod() + " " + event.getPath();
      assertSameResponse(
          name.substring(0, Math.min(60, name.length())),
          event,
          json.toByteArray(),
          typed,
          streaming);
    }
  }

  private static void assertSameResponse(
      String resource,
      APIGatewayProxyRequestEvent event,
      byte[] json,
      KvApiHandler typed,
      KvApiHandler streaming) {
    APIGatewayProxyResponseEvent expected = typed.handleRequest(event, null);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      streaming.handleRequest(new ByteArrayInputStream(json), out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    APIGatewayProxyResponseEvent actual =
        RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray()));

    if (event.getRequestContext() == null || event.getRequestContext().getRequestId() == null) {
      // Without API Gateway's id each entry point makes up its own: compare the rest.
      String made = actual.getHeaders().get("X-Request-Id");
      String other = expected.getHeaders().get("X-Request-Id");
      actual.getHeaders().put("X-Request-Id", other);
      if (actual.getBody() != null) {
        actual.setBody(actual.getBody().replace(made, other));
      }
    }
    assertThat(actual.getStatusCode()).as(resource).isEqualTo(expected.getStatusCode());
    assertThat(actual.getHeaders()).as(resource).isEqualTo(expected.getHeaders());
    assertThat(actual.getBody()).as(resource).isEqualTo(expected.getBody());
    assertThat(actual.getIsBase64Encoded()).as(resource).isEqualTo(expected.getIsBase64Encoded());
  }

  @Test
  void everyFixtureReadsAsTheRuntimesSerializerReadsIt() throws Exception {
    for (Path fixture : fixtures()) {
      String resource = fixture.getParent().getFileName() + "/" + fixture.getFileName();
      APIGatewayProxyRequestEvent expected = EventLoader.loadApiGatewayRestEvent(resource);

      APIGatewayProxyRequestEvent actual =
          ProxyEventJson.fromJson(Files.readString(fixture, UTF_8));

      assertThat(EventFields.of(actual)).as(resource).isEqualTo(EventFields.of(expected));
    }
  }

  @Test
  void jsonThatIsNoEventGetsA400() throws IOException {
    for (String json : List.of("", "[]", "{\"httpMethod\":", "\"GET\"", "{\"headers\":[1]}")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      seededHandler().handleRequest(new ByteArrayInputStream(json.getBytes(UTF_8)), out, null);

      APIGatewayProxyResponseEvent response =
          RESPONSES.fromJson(new ByteArrayInputStream(out.toByteArray()));
      assertThat(response.getStatusCode()).as(json).isEqualTo(400);
    }
  }

  private static KvApiHandler seededHandler() {
    KeyValueService kv = new KeyValueService(new InMemoryKeyValueStore(), CLOCK);
    kv.put(Key.of("hello"), "world".getBytes(UTF_8), "text/plain");
    kv.put(Key.of("t"), "ttl target".getBytes(UTF_8), "text/plain");
    kv.put(Key.of("big"), "small".getBytes(UTF_8), "text/plain");
    return new KvApiHandler(kv, line -> {});
  }

  private static List<Path> fixtures() throws URISyntaxException, IOException {
    List<Path> all = new ArrayList<>();
    for (String folder : List.of("events", "hostile")) {
      Path dir = Path.of(StreamHandlerEquivalenceTest.class.getResource("/" + folder).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(all::add);
      }
    }
    return all;
  }
}
