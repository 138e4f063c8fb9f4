package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbStoreConfigTest {

  @Test
  void defaultsBoundEveryCallFarUnderApiGatewaysTimeout() {
    DynamoDbStoreConfig config = DynamoDbStoreConfig.of("kv-table", "eu-west-1");

    assertThat(config.apiCallTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(config.apiCallAttemptTimeout()).isLessThan(config.apiCallTimeout());
    assertThat(config.maxAttempts()).isBetween(2, 5);
    assertThat(config.endpointOverride()).isNull();
  }

  @Test
  void environmentNamesTableRegionAndEndpoint() {
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.fromEnvironment(
            Map.of(
                "TABLE_NAME", "kv-prod",
                "AWS_REGION", "eu-central-1",
                "KV_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));

    assertThat(config.tableName()).isEqualTo("kv-prod");
    assertThat(config.region()).isEqualTo("eu-central-1");
    assertThat(config.endpointOverride()).isEqualTo(URI.create("http://127.0.0.1:8000"));
  }

  @Test
  void environmentFallsBackToTheDefaultRegion() {
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.fromEnvironment(
            Map.of("TABLE_NAME", "kv-table", "AWS_DEFAULT_REGION", "us-west-2"));

    assertThat(config.region()).isEqualTo("us-west-2");
    assertThat(config.endpointOverride()).isNull();
  }

  @Test
  void environmentWithoutTableOrRegionIsAnError() {
    assertThatThrownBy(() -> DynamoDbStoreConfig.fromEnvironment(Map.of("AWS_REGION", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TABLE_NAME");
    assertThatThrownBy(() -> DynamoDbStoreConfig.fromEnvironment(Map.of("TABLE_NAME", "kv-table")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void builderSetsEveryFieldAndToBuilderChangesOnlyWhatItIsTold() {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.builder("kv-table", "eu-west-1")
            .endpointOverride(URI.create("http://127.0.0.1:8000"))
            .timeouts(Duration.ofMillis(300), Duration.ofSeconds(1))
            .maxAttempts(5)
            .credentialsProvider(credentials)
            .build();

    assertThat(config)
        .isEqualTo(
            new DynamoDbStoreConfig(
                "kv-table",
                "eu-west-1",
                URI.create("http://127.0.0.1:8000"),
                Duration.ofMillis(300),
                Duration.ofSeconds(1),
                5,
                credentials));
    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.withMaxAttempts(1))
        .isEqualTo(
            new DynamoDbStoreConfig(
                "kv-table",
                "eu-west-1",
                URI.create("http://127.0.0.1:8000"),
                Duration.ofMillis(300),
                Duration.ofSeconds(1),
                1,
                credentials));
    assertThat(DynamoDbStoreConfig.builder("kv-table", "eu-west-1").build())
        .isEqualTo(DynamoDbStoreConfig.of("kv-table", "eu-west-1"));
    assertThatThrownBy(() -> config.toBuilder().maxAttempts(11).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidSettingsAreRejected() {
    DynamoDbStoreConfig config = DynamoDbStoreConfig.of("kv-table", "eu-west-1");

    assertThatThrownBy(() -> DynamoDbStoreConfig.of("a b", "eu-west-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DynamoDbStoreConfig.of("kv-table", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withTimeouts(Duration.ZERO, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withMaxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientIsBuiltWithoutNetworkAndCarriesTheBounds() {
    DynamoDbStoreConfig config =
        DynamoDbStoreConfig.of("kv-table", "eu-west-1")
            .withEndpointOverride(URI.create("http://127.0.0.1:1"))
            .withTimeouts(Duration.ofMillis(700), Duration.ofSeconds(3))
            .withMaxAttempts(4)
            .withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));

    try (DynamoDbClient client = config.buildClient()) {
      var configuration = client.serviceClientConfiguration();
      assertThat(configuration.region().id()).isEqualTo("eu-west-1");
      assertThat(configuration.endpointOverride()).contains(URI.create("http://127.0.0.1:1"));
      assertThat(configuration.overrideConfiguration().apiCallTimeout())
          .contains(Duration.ofSeconds(3));
      assertThat(configuration.overrideConfiguration().apiCallAttemptTimeout())
          .contains(Duration.ofMillis(700));
      assertThat(configuration.overrideConfiguration().retryStrategy().orElseThrow().maxAttempts())
          .isEqualTo(4);
    }
  }
}
