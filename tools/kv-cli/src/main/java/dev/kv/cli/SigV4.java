package dev.kv.cli;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 signing of API requests for {@code execute-api}, with the AWS SDK's own signer and
 * credentials: the SDK's default chain (environment, profiles, SSO, container and instance roles),
 * or, when {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are among the command's
 * environment variables, those (with {@code AWS_SESSION_TOKEN} when set), as the chain would.
 */
final class SigV4 implements ApiClient.Signer {

  /** The service name API Gateway's execute-api endpoints sign for. */
  static final String SERVICE = "execute-api";

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final Clock clock;

  SigV4(AwsCredentialsProvider credentials, String region, Clock clock) {
    this.credentials = credentials;
    this.region = region;
    this.clock = clock;
  }

  /** A signer for {@code region} with the credentials {@code environment} gives. */
  static SigV4 forEnvironment(Environment environment, String region) {
    String key = environment.variable("AWS_ACCESS_KEY_ID");
    String secret = environment.variable("AWS_SECRET_ACCESS_KEY");
    AwsCredentialsProvider provider;
    if (key != null && secret != null) {
      String token = environment.variable("AWS_SESSION_TOKEN");
      provider =
          StaticCredentialsProvider.create(
              token == null
                  ? AwsBasicCredentials.create(key, secret)
                  : AwsSessionCredentials.create(key, secret, token));
    } else {
      provider = DefaultCredentialsProvider.builder().build();
    }
    return new SigV4(provider, region, Clock.systemUTC());
  }

  @Override
  public Map<String, List<String>> sign(
      String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    AwsCredentialsIdentity identity;
    try {
      identity = credentials.resolveCredentials();
    } catch (SdkException e) {
      throw new ApiClient.ApiFailure(noCredentials("to sign the request with", e));
    }
    return sign(signer, identity, region, clock, method, uri, headers, body);
  }

  /**
   * The headers of the request once signed by {@code signer} for {@code execute-api} in {@code
   * region}: the given ones plus {@code Host}, {@code X-Amz-Date}, {@code Authorization} and, for
   * temporary credentials, {@code X-Amz-Security-Token}.
   */
  static Map<String, List<String>> sign(
      HttpSigner<AwsCredentialsIdentity> signer,
      AwsCredentialsIdentity identity,
      String region,
      Clock clock,
      String method,
      URI uri,
      Map<String, List<String>> headers,
      byte[] body) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(identity)
                    .request(request.build())
                    .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    return new LinkedHashMap<>(signed.request().headers());
  }

  /**
   * What the user is told when the SDK's credentials chain found nothing: the chain's first line
   * (its full message lists every provider), and what to configure.
   */
  static String noCredentials(String purpose, SdkException e) {
    return "no AWS credentials "
        + purpose
        + " ("
        + firstLine(e.getMessage())
        + "): configure a profile, SSO or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
  }

  /** The first line of {@code message}, at most 200 characters. */
  static String firstLine(String message) {
    if (message == null) {
      return "none found";
    }
    int eol = message.indexOf('\n');
    String line = eol < 0 ? message : message.substring(0, eol);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
