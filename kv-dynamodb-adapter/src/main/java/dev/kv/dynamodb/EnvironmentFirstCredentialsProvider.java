package dev.kv.dynamodb;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The SDK's default credentials chain without its start-up cost where the chain would answer from
 * the environment variables anyway. A Lambda function without SnapStart has {@code
 * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} set; the chain checks only the {@code
 * aws.accessKeyId} system property before them, yet builds all six of its providers (profile files,
 * web identity, container, instance metadata) on first use, a measurable part of a cold start.
 *
 * <p>So: when that system property is not set and both variables are, the SDK's own environment
 * provider answers, exactly as the chain would. Otherwise (SnapStart restores, which get container
 * credentials; a developer's profile) the default chain is built on first use and answers as
 * always. The decision is made on every call, so credentials that appear or go later are treated as
 * the chain would treat them.
 */
final class EnvironmentFirstCredentialsProvider implements AwsCredentialsProvider {

  private final Function<String, String> environment;
  private final Function<String, String> systemProperties;
  private final AwsCredentialsProvider fromEnvironment;
  private final Supplier<AwsCredentialsProvider> chainFactory;
  private volatile AwsCredentialsProvider chain;

  EnvironmentFirstCredentialsProvider(
      Function<String, String> environment,
      Function<String, String> systemProperties,
      AwsCredentialsProvider fromEnvironment,
      Supplier<AwsCredentialsProvider> chainFactory) {
    this.environment = environment;
    this.systemProperties = systemProperties;
    this.fromEnvironment = fromEnvironment;
    this.chainFactory = chainFactory;
  }

  /** On this process's environment and system properties, else the SDK's default chain. */
  static EnvironmentFirstCredentialsProvider create() {
    return new EnvironmentFirstCredentialsProvider(
        System::getenv,
        System::getProperty,
        EnvironmentVariableCredentialsProvider.create(),
        () -> DefaultCredentialsProvider.builder().build());
  }

  @Override
  public AwsCredentials resolveCredentials() {
    if (isBlank(systemProperties.apply("aws.accessKeyId"))
        && !isBlank(environment.apply("AWS_ACCESS_KEY_ID"))
        && !isBlank(environment.apply("AWS_SECRET_ACCESS_KEY"))) {
      return fromEnvironment.resolveCredentials();
    }
    return chain().resolveCredentials();
  }

  private AwsCredentialsProvider chain() {
    AwsCredentialsProvider built = chain;
    if (built == null) {
      synchronized (this) {
        built = chain;
        if (built == null) {
          built = chainFactory.get();
          chain = built;
        }
      }
    }
    return built;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "EnvironmentFirstCredentialsProvider";
  }
}
