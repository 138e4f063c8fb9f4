package dev.kv.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Which DynamoDB table kv talks to, and where: shared by {@code serve}, {@code invoke}, {@code
 * table}.
 */
public final class DynamoDbOptions {

  /** The table name used when none is given. */
  public static final String DEFAULT_TABLE = "kv";

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
   * #LOCAL_REGION}; {@code null} when the AWS SDK is to find it (profile files).
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
}
