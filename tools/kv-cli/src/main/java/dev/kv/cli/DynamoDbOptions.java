package dev.kv.cli;

import dev.kv.dynamodb.DynamoDbStoreConfig;
import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * Which DynamoDB table kv talks to, and where: the options {@code serve}, {@code invoke} and {@code
 * table} share, and how they become a store configuration.
 */
public final class DynamoDbOptions {

  /** The table name used when none is given (DynamoDB names have at least 3 characters). */
  public static final String DEFAULT_TABLE = "kv-table";

  /** The region used for a local endpoint when neither {@code --region} nor AWS_REGION says. */
  public static final String LOCAL_REGION = "us-east-1";

  @Option(
      names = "--table",
      paramLabel = "NAME",
      defaultValue = DEFAULT_TABLE,
      description = "DynamoDB table (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "URL of any DynamoDB-compatible service, e.g. http://localhost:8000 (dynalite, DynamoDB"
              + " Local, LocalStack). Default: AWS itself, with the default credential chain.")
  URI endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION, else "
              + LOCAL_REGION
              + " with --endpoint, else the AWS profile's region).")
  String region;

  /** The table name. */
  public String table() {
    return table;
  }

  /** The endpoint, or {@code null} for AWS itself. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The region from {@code --region} or the environment; for a local endpoint {@value
   * #LOCAL_REGION}; {@code null} when only the AWS profile files can tell.
   */
  public String region(Environment environment) {
    if (region != null && !region.isBlank()) {
      return region.strip();
    }
    String fromEnv = environment.variable("AWS_REGION");
    if (fromEnv == null) {
      fromEnv = environment.variable("AWS_DEFAULT_REGION");
    }
    if (fromEnv != null) {
      return fromEnv;
    }
    return endpoint != null ? LOCAL_REGION : null;
  }

  /** Where the table is, for people: the endpoint or AWS, and the region when known. */
  public String where(Environment environment) {
    String inRegion = region(environment);
    String place = endpoint == null ? "AWS" : endpoint.toString();
    return inRegion == null ? place : place + " (" + inRegion + ")";
  }

  /**
   * The store configuration these options describe. A local endpoint gets credentials from the
   * environment or profile when there are any, else placeholder ones (emulators accept any); AWS
   * itself gets the SDK's default credential chain.
   *
   * @throws CommandLine.ParameterException for a table name DynamoDB does not allow
   * @throws CliFailure when no region can be found
   */
  public DynamoDbStoreConfig config(CommandLine command, Environment environment) {
    String inRegion = region(environment);
    if (inRegion == null) {
      inRegion = profileRegion();
    }
    DynamoDbStoreConfig config;
    try {
      config = DynamoDbStoreConfig.of(table, inRegion);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, "--table: " + e.getMessage());
    }
    if (endpoint == null) {
      return config;
    }
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new CommandLine.ParameterException(
          command, "--endpoint must be a URL like http://localhost:8000, was '" + endpoint + "'");
    }
    return config.withEndpointOverride(endpoint).withCredentials(localCredentials());
  }

  /** A failure of {@code action} against DynamoDB, said so the user can act on it. */
  CliFailure failure(SdkException error, String action, Environment environment) {
    String reason =
        error instanceof AwsServiceException service && service.awsErrorDetails() != null
            ? service.awsErrorDetails().errorMessage()
                + " ("
                + service.awsErrorDetails().errorCode()
                + ")"
            : error.getMessage();
    return new CliFailure("cannot " + action + " at " + where(environment) + ": " + reason, error);
  }

  private static String profileRegion() {
    try {
      return new AwsProfileRegionProvider().getRegion().id();
    } catch (SdkException | IllegalArgumentException e) {
      throw new CliFailure(
          "no AWS region: pass --region, set AWS_REGION, or set a region in the AWS profile");
    }
  }

  /**
   * Credentials for an emulator: real ones if the environment or profile has them (DynamoDB Local
   * keeps data per access key), else placeholders. Never the instance metadata service: nothing but
   * the endpoint is contacted.
   */
  private static AwsCredentialsProvider localCredentials() {
    return AwsCredentialsProviderChain.builder()
        .credentialsProviders(
            EnvironmentVariableCredentialsProvider.create(),
            SystemPropertyCredentialsProvider.create(),
            ProfileCredentialsProvider.create(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("kv-local", "kv-local")))
        .reuseLastProviderEnabled(true)
        .build();
  }
}
