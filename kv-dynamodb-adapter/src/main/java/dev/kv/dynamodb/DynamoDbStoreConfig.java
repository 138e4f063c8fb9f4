package dev.kv.dynamodb;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Where the DynamoDB store lives and how its client behaves: table, region, optional endpoint, time
 * bounds, retries and credentials. The defaults suit a Lambda behind API Gateway: every call ends
 * (answers or fails) within {@link #DEFAULT_API_CALL_TIMEOUT}, far under API Gateway's 29 s.
 *
 * @param tableName the table holding the entries
 * @param region the AWS region, e.g. {@code eu-west-1}
 * @param endpointOverride a DynamoDB-compatible endpoint (an emulator), or {@code null} for AWS
 * @param apiCallAttemptTimeout bound on one HTTP attempt
 * @param apiCallTimeout bound on one call, all retries included
 * @param maxAttempts attempts per call under the SDK's standard retry strategy (1 = no retry)
 * @param credentialsProvider where credentials come from, or {@code null} for the SDK's default
 *     chain (environment variables first: what a Lambda function has), built only when the
 *     environment variables do not answer (see {@code EnvironmentFirstCredentialsProvider})
 */
public record DynamoDbStoreConfig(
    String tableName,
    String region,
    URI endpointOverride,
    Duration apiCallAttemptTimeout,
    Duration apiCallTimeout,
    int maxAttempts,
    AwsCredentialsProvider credentialsProvider) {

  /** Bound on one HTTP attempt unless configured: DynamoDB answers in milliseconds. */
  public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

  /** Bound on one call with its retries unless configured. */
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(5);

  /** Attempts per call unless configured. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Environment variable naming the table, read by {@link #fromEnvironment}. */
  public static final String TABLE_NAME_VARIABLE = "TABLE_NAME";

  /** Environment variable with an optional endpoint override, read by {@link #fromEnvironment}. */
  public static final String ENDPOINT_VARIABLE = "KV_DYNAMODB_ENDPOINT";

  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  /** Checks the fields. */
  public DynamoDbStoreConfig {
    Objects.requireNonNull(tableName, "tableName");
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "A DynamoDB table name has 3 to 255 of a-z, A-Z, 0-9, '_', '-', '.': " + tableName);
    }
    Objects.requireNonNull(region, "region");
    if (region.isBlank()) {
      throw new IllegalArgumentException("The region is blank");
    }
    requirePositive(apiCallAttemptTimeout, "apiCallAttemptTimeout");
    requirePositive(apiCallTimeout, "apiCallTimeout");
    if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
      throw new IllegalArgumentException("apiCallAttemptTimeout is longer than apiCallTimeout");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and 10: " + maxAttempts);
    }
  }

  /** The table in the region, with the default time bounds, retries and credentials. */
  public static DynamoDbStoreConfig of(String tableName, String region) {
    return builder(tableName, region).build();
  }

  /** A builder for the table in the region, starting from the defaults. */
  public static Builder builder(String tableName, String region) {
    return new Builder(tableName, region);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(tableName, region)
        .endpointOverride(endpointOverride)
        .timeouts(apiCallAttemptTimeout, apiCallTimeout)
        .maxAttempts(maxAttempts)
        .credentialsProvider(credentialsProvider);
  }

  /** Builds a {@link DynamoDbStoreConfig}; {@link #build()} checks the fields. */
  public static final class Builder {
    private final String tableName;
    private final String region;
    private URI endpointOverride;
    private Duration apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
    private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private AwsCredentialsProvider credentialsProvider;

    private Builder(String tableName, String region) {
      this.tableName = tableName;
      this.region = region;
    }

    /** Requests go to {@code endpoint} (e.g. an emulator); {@code null} for AWS. */
    public Builder endpointOverride(URI endpoint) {
      this.endpointOverride = endpoint;
      return this;
    }

    /** Bounds on one HTTP attempt and on one call with its retries. */
    public Builder timeouts(Duration attemptTimeout, Duration callTimeout) {
      this.apiCallAttemptTimeout = attemptTimeout;
      this.apiCallTimeout = callTimeout;
      return this;
    }

    /** Attempts per call (1 = no retry). */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** Where credentials come from; {@code null} for the SDK's default chain. */
    public Builder credentialsProvider(AwsCredentialsProvider provider) {
      this.credentialsProvider = provider;
      return this;
    }

    /** The configuration. */
    public DynamoDbStoreConfig build() {
      return new DynamoDbStoreConfig(
          tableName,
          region,
          endpointOverride,
          apiCallAttemptTimeout,
          apiCallTimeout,
          maxAttempts,
          credentialsProvider);
    }
  }

  /**
   * The configuration an environment describes: {@value #TABLE_NAME_VARIABLE} (required), {@code
   * AWS_REGION} or else {@code AWS_DEFAULT_REGION} (required; Lambda sets {@code AWS_REGION}), and
   * {@value #ENDPOINT_VARIABLE} (optional).
   *
   * @param environment e.g. {@code System.getenv()}
   * @throws IllegalStateException when a required variable is missing
   */
  public static DynamoDbStoreConfig fromEnvironment(Map<String, String> environment) {
    String table = environment.get(TABLE_NAME_VARIABLE);
    if (table == null || table.isBlank()) {
      throw new IllegalStateException("Set " + TABLE_NAME_VARIABLE + " to the DynamoDB table name");
    }
    String region = environment.get("AWS_REGION");
    if (region == null || region.isBlank()) {
      region = environment.get("AWS_DEFAULT_REGION");
    }
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("Set AWS_REGION to the DynamoDB table's region");
    }
    DynamoDbStoreConfig config = of(table.strip(), region.strip());
    String endpoint = environment.get(ENDPOINT_VARIABLE);
    if (endpoint == null || endpoint.isBlank()) {
      return config;
    }
    try {
      URI uri = new URI(endpoint.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(endpoint, "needs a scheme and a host");
      }
      return config.withEndpointOverride(uri);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          ENDPOINT_VARIABLE + " is not a URL like http://127.0.0.1:8000: " + e.getMessage());
    }
  }

  /** This configuration with requests sent to {@code endpoint} (e.g. an emulator) instead. */
  public DynamoDbStoreConfig withEndpointOverride(URI endpoint) {
    return toBuilder().endpointOverride(endpoint).build();
  }

  /** This configuration with other time bounds. */
  public DynamoDbStoreConfig withTimeouts(Duration attemptTimeout, Duration callTimeout) {
    return toBuilder().timeouts(attemptTimeout, callTimeout).build();
  }

  /** This configuration with another number of attempts per call. */
  public DynamoDbStoreConfig withMaxAttempts(int attempts) {
    return toBuilder().maxAttempts(attempts).build();
  }

  /** This configuration with credentials from {@code provider}. */
  public DynamoDbStoreConfig withCredentials(AwsCredentialsProvider provider) {
    return toBuilder().credentialsProvider(provider).build();
  }

  /**
   * A client builder set up from this configuration: the url-connection HTTP client, the time
   * bounds, the standard retry strategy with {@link #maxAttempts}, region, credentials and
   * endpoint. Callers may add to it (tests add interceptors) before {@code build()}.
   */
  public DynamoDbClientBuilder clientBuilder() {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(Region.of(region))
            .credentialsProvider(
                credentialsProvider != null
                    ? credentialsProvider
                    : EnvironmentFirstCredentialsProvider.create())
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(apiCallAttemptTimeout)
                    .socketTimeout(apiCallAttemptTimeout))
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(apiCallAttemptTimeout)
                        .apiCallTimeout(apiCallTimeout)
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(maxAttempts)
                                .build()));
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    return builder;
  }

  /** A new client from {@link #clientBuilder()}; build it once and reuse it. */
  public DynamoDbClient buildClient() {
    return clientBuilder().build();
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
