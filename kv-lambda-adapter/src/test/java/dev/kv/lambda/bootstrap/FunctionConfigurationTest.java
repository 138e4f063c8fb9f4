package dev.kv.lambda.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigurationTest {

  @Test
  void memoryStoreNeedsNothingElse() {
    assertThat(FunctionConfiguration.service(Map.of("KV_STORE", "memory")).storeName())
        .isEqualTo("in-memory");
  }

  @Test
  void dynamoDbIsTheDefaultAndNeedsTheTable() {
    assertThatThrownBy(() -> FunctionConfiguration.service(Map.of("AWS_REGION", "eu-west-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TABLE_NAME");
  }

  @Test
  void dynamoDbNeedsTheRegion() {
    assertThatThrownBy(() -> FunctionConfiguration.service(Map.of("TABLE_NAME", "kv-table")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void invalidTableNameIsNamed() {
    assertThatThrownBy(
            () ->
                FunctionConfiguration.service(
                    Map.of("TABLE_NAME", "no spaces allowed", "AWS_REGION", "eu-west-1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TABLE_NAME");
  }

  @Test
  void invalidEndpointIsNamed() {
    assertThatThrownBy(
            () ->
                FunctionConfiguration.service(
                    Map.of(
                        "TABLE_NAME", "kv-table",
                        "AWS_REGION", "eu-west-1",
                        "KV_DYNAMODB_ENDPOINT", "not a url")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KV_DYNAMODB_ENDPOINT");
  }

  @Test
  void unknownStoreIsNamed() {
    assertThatThrownBy(() -> FunctionConfiguration.service(Map.of("KV_STORE", "redis")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KV_STORE");
  }

  @Test
  void dynamoDbStoreIsBuiltWithoutTouchingTheNetwork() {
    assertThat(
            FunctionConfiguration.service(
                    Map.of(
                        "TABLE_NAME", "kv-table",
                        "AWS_REGION", "eu-west-1",
                        "KV_DYNAMODB_ENDPOINT", "http://127.0.0.1:9"))
                .storeName())
        .isEqualTo("dynamodb");
  }
}
