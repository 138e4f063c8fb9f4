package dev.kv.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 verified for real: a test server recomputes the signature of what it received (method, raw
 * path and query, signed headers, body) with the AWS SDK's signer and the credentials it knows, and
 * refuses a mismatch with 403, as API Gateway does.
 */
class SigV4IT {

  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKEN//+==";
  private static final String REGION = "eu-west-1";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final List<String> verdicts = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Starts the verifying server; it knows {@code identity}. */
  private URI verifyingServer(AwsCredentialsIdentity identity) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> verify(exchange, identity));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void verify(HttpExchange exchange, AwsCredentialsIdentity identity) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String verdict = check(exchange, identity, body);
      verdicts.add(verdict);
      boolean ok = verdict.equals("ok");
      String method = exchange.getRequestMethod();
      int status = !ok ? 403 : method.equals("PUT") ? 201 : method.equals("DELETE") ? 204 : 200;
      exchange.getResponseHeaders().add("ETag", "\"1\"");
      byte[] answer =
          !ok
              ? "{\"message\":\"The request signature we calculated does not match\"}"
                  .getBytes(UTF_8)
              : method.equals("GET") && exchange.getRequestURI().getRawPath().equals("/key")
                  ? "{\"keys\":[\"signed\"],\"cursor\":null}".getBytes(UTF_8)
                  : "signed value".getBytes(UTF_8);
      if (status == 204 || method.equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
      }
    }
  }

  /** "ok", or why the signature does not hold. */
  private static String check(HttpExchange exchange, AwsCredentialsIdentity identity, byte[] body) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      return "unsigned";
    }
    Matcher m = AUTHORIZATION.matcher(authorization);
    if (!m.matches()) {
      return "malformed Authorization: " + authorization;
    }
    if (!m.group(1).equals(identity.accessKeyId())
        || !m.group(3).equals(REGION)
        || !m.group(4).equals("execute-api")) {
      return "wrong scope: " + authorization;
    }
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    Clock signedAt =
        Clock.fixed(
            LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    Map<String, List<String>> signedHeaders = new LinkedHashMap<>();
    for (String name : m.group(5).split(";")) {
      if (List.of("host", "x-amz-date", "x-amz-security-token").contains(name)) {
        continue; // the signer adds these itself, from the URI, clock and credentials
      }
      List<String> values = exchange.getRequestHeaders().get(name);
      signedHeaders.put(name, values == null ? List.of() : new ArrayList<>(values));
    }
    URI received =
        URI.create(
            "http://"
                + exchange.getRequestHeaders().getFirst("Host")
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
    Map<String, List<String>> expected =
        SigV4.sign(
            AwsV4HttpSigner.create(),
            identity,
            REGION,
            signedAt,
            exchange.getRequestMethod(),
            received,
            signedHeaders,
            body.length == 0 && !exchange.getRequestMethod().equals("PUT") ? null : body);
    String recomputed = first(expected, "Authorization");
    if (!authorization.equals(recomputed)) {
      return "signature mismatch: got " + authorization + ", expected " + recomputed;
    }
    if (identity instanceof AwsSessionCredentials session
        && !session
            .sessionToken()
            .equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
      return "session token missing";
    }
    return "ok";
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue().get(0);
      }
    }
    return null;
  }

  private static ClientRun kv(URI url, Map<String, String> credentials, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url.toString(), "--sigv4", "--region", REGION));
    return ClientRun.kv(new byte[0], credentials, all.toArray(String[]::new));
  }

  private static Map<String, String> keys(String secret) {
    Map<String, String> variables = new HashMap<>();
    variables.put("AWS_ACCESS_KEY_ID", KEY_ID);
    variables.put("AWS_SECRET_ACCESS_KEY", secret);
    return variables;
  }

  @Test
  void everyCommandIsSignedSoThatTheServerAgrees() throws Exception {
    URI url = verifyingServer(AwsBasicCredentials.create(KEY_ID, SECRET));
    String key = "dir/with space/grüße 😀";

    ClientRun put = kv(url, keys(SECRET), "put", key, "value", "--ttl", "60", "--if-match", "1");
    ClientRun get = kv(url, keys(SECRET), "get", key);
    ClientRun head = kv(url, keys(SECRET), "head", key);
    ClientRun delete = kv(url, keys(SECRET), "delete", key);
    ClientRun list = kv(url, keys(SECRET), "list", "--prefix", "dir/with space/ü+", "--limit", "3");

    assertThat(verdicts).as("server verdicts").containsOnly("ok").hasSize(5);
    assertThat(put.status()).as(put.err()).isEqualTo(Kv.OK);
    assertThat(new String(get.bytes(), UTF_8)).isEqualTo("signed value");
    assertThat(head.status()).isEqualTo(Kv.OK);
    assertThat(delete.status()).isEqualTo(Kv.OK);
    assertThat(list.out()).isEqualTo("signed\n");
  }

  @Test
  void temporaryCredentialsSendTheSessionTokenInsideTheSignature() throws Exception {
    URI url = verifyingServer(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN));
    Map<String, String> variables = keys(SECRET);
    variables.put("AWS_SESSION_TOKEN", TOKEN);

    ClientRun put = kv(url, variables, "put", "a/b c/ünï", "v");

    assertThat(verdicts).containsExactly("ok");
    assertThat(put.status()).as(put.err()).isEqualTo(Kv.OK);
  }

  @Test
  void aWrongSecretFailsTheCheck() throws Exception {
    URI url = verifyingServer(AwsBasicCredentials.create(KEY_ID, SECRET));

    ClientRun put = kv(url, keys("not-the-secret"), "put", "a/b c/ünï", "v");

    assertThat(verdicts).singleElement().asString().startsWith("signature mismatch");
    assertThat(put.status()).isEqualTo(Kv.API_FAILED);
    assertThat(put.err()).contains("403");
  }

  @Test
  void aTamperedPathFailsTheCheck() throws Exception {
    URI url = verifyingServer(AwsBasicCredentials.create(KEY_ID, SECRET));
    ApiClient.Signer signer =
        SigV4.forEnvironment(
            new Environment(
                new java.io.ByteArrayInputStream(new byte[0]),
                keys(SECRET),
                (server, stop) -> {
                  throw new AssertionError();
                }),
            REGION);
    ApiClient signedForOtherPath =
        new ApiClient(
            url,
            (method, uri, headers, body) ->
                signer.sign(method, URI.create(url + "/key/other"), headers, body),
            java.time.Duration.ofSeconds(10));

    ApiClient.Reply reply = signedForOtherPath.send("GET", "/key/mine", Map.of(), null);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(verdicts).singleElement().asString().startsWith("signature mismatch");
  }

  @Test
  void withoutSigningTheServerRefuses() throws Exception {
    URI url = verifyingServer(AwsBasicCredentials.create(KEY_ID, SECRET));

    ClientRun get = ClientRun.kv(new byte[0], keys(SECRET), "get", "k", "--url", url.toString());

    assertThat(verdicts).containsExactly("unsigned");
    assertThat(get.status()).isEqualTo(Kv.API_FAILED);
  }
}
