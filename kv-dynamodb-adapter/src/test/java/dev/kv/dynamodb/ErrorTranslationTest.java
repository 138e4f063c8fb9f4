package dev.kv.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kv.core.StoreUnavailableException;
import dev.kv.core.ValueTooLargeException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

class ErrorTranslationTest {

  @Test
  void throttlingIsUnavailable() {
    assertThat(translate(ProvisionedThroughputExceededException.builder().message("x").build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(RequestLimitExceededException.builder().message("x").build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(ThrottlingException.builder().message("x").build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(service("ThrottlingException", 400, "Rate exceeded")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void serverErrorsAreUnavailable() {
    assertThat(translate(InternalServerErrorException.builder().statusCode(500).build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(service("ServiceUnavailable", 503, "down")))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void ioErrorsAndTimeoutsAreUnavailable() {
    assertThat(
            translate(
                SdkClientException.builder()
                    .message("Unable to execute HTTP request")
                    .cause(new IOException("Connection reset"))
                    .build()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(ApiCallTimeoutException.create(1000)))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(translate(ApiCallAttemptTimeoutException.create(1000)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void missingTableIsAConfigurationErrorNamingIt() {
    RuntimeException translated =
        translate(
            ResourceNotFoundException.builder().message("Requested resource not found").build());

    assertThat(translated)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'kv-table'");
  }

  @Test
  void itemSizeValidationIsValueTooLarge() {
    assertThat(
            translate(
                service(
                    "ValidationException", 400, "Item size has exceeded the maximum allowed size")))
        .isInstanceOf(ValueTooLargeException.class);
    assertThat(
            translate(
                service(
                    "ValidationException",
                    400,
                    "Item size to update has exceeded the maximum allowed size")))
        .isInstanceOf(ValueTooLargeException.class);
  }

  @Test
  void otherFailuresAreErrorsNamingTheActionAndTable() {
    assertThat(translate(service("AccessDeniedException", 400, "not allowed")))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PutItem")
        .hasMessageContaining("'kv-table'");
    assertThat(translate(service("ValidationException", 400, "Invalid expression")))
        .isExactlyInstanceOf(IllegalStateException.class);
    assertThat(translate(SdkClientException.create("Unable to load credentials")))
        .isExactlyInstanceOf(IllegalStateException.class);
  }

  @Test
  void interruptionIsPassedOn() {
    AbortedException aborted = AbortedException.create("interrupted");

    assertThat(translate(aborted)).isSameAs(aborted);
  }

  private static RuntimeException translate(SdkException failure) {
    return ErrorTranslation.translate(failure, "PutItem", "kv-table");
  }

  private static DynamoDbException service(String code, int status, String message) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
  }
}
