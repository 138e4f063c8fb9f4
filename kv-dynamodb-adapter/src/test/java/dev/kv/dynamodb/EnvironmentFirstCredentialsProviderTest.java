package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class EnvironmentFirstCredentialsProviderTest {

  private static final AwsCredentialsProvider FROM_ENVIRONMENT =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("env-id", "env-secret"));
  private static final AwsCredentialsProvider CHAIN =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("chain-id", "chain-secret"));

  private final Map<String, String> environment = new HashMap<>();
  private final Map<String, String> systemProperties = new HashMap<>();
  private final AtomicInteger chainsBuilt = new AtomicInteger();
  private final EnvironmentFirstCredentialsProvider provider =
      new EnvironmentFirstCredentialsProvider(
          environment::get,
          systemProperties::get,
          FROM_ENVIRONMENT,
          () -> {
            chainsBuilt.incrementAndGet();
            return CHAIN;
          });

  @Test
  void lambdaEnvironmentAnswersWithoutBuildingTheChain() {
    environment.put("AWS_ACCESS_KEY_ID", "id");
    environment.put("AWS_SECRET_ACCESS_KEY", "secret");
    environment.put("AWS_SESSION_TOKEN", "token");

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("env-id");
    assertThat(chainsBuilt).hasValue(0);
  }

  @Test
  void withoutTheVariablesTheChainAnswersAndIsBuiltOnce() {
    // A SnapStart restore: container credentials, no key variables.
    environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/creds");

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("chain-id");
    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("chain-id");
    assertThat(chainsBuilt).hasValue(1);
  }

  @Test
  void aKeyIdWithoutSecretIsLeftToTheChain() {
    environment.put("AWS_ACCESS_KEY_ID", "id");
    environment.put("AWS_SECRET_ACCESS_KEY", " ");

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("chain-id");
  }

  @Test
  void theSystemPropertyTheChainChecksFirstStillWins() {
    environment.put("AWS_ACCESS_KEY_ID", "id");
    environment.put("AWS_SECRET_ACCESS_KEY", "secret");
    systemProperties.put("aws.accessKeyId", "property-id");

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("chain-id");
  }

  @Test
  void theDecisionFollowsTheEnvironmentOnEveryCall() {
    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("chain-id");

    environment.put("AWS_ACCESS_KEY_ID", "id");
    environment.put("AWS_SECRET_ACCESS_KEY", "secret");

    assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("env-id");
  }
}
