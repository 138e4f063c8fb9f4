package dev.kv.dynamodb;

import dev.kv.core.StoreUnavailableException;
import dev.kv.core.ValueTooLargeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The one place where SDK failures become kv's errors. Condition failures are not translated here:
 * the store turns them into {@link dev.kv.core.PreconditionFailedException} where it knows the
 * precondition.
 */
final class ErrorTranslation {

  private ErrorTranslation() {}

  /**
   * The exception to throw for {@code failure} of {@code action} on {@code table}.
   *
   * <ul>
   *   <li>throttling, 5xx, transaction conflicts, I/O errors and timeouts: {@link
   *       StoreUnavailableException} (the same request may succeed later);
   *   <li>DynamoDB's item-size validation: {@link ValueTooLargeException};
   *   <li>a missing table: an {@link IllegalStateException} naming the table (a configuration
   *       error);
   *   <li>anything else: an {@link IllegalStateException} naming the action and the table.
   * </ul>
   */
  static RuntimeException translate(SdkException failure, String action, String table) {
    String what = "DynamoDB " + action + " on table '" + table + "'";
    if (failure instanceof AwsServiceException service) {
      return translateService(service, what, table);
    }
    if (failure instanceof AbortedException) {
      return failure; // the calling thread was interrupted: not the store's fault, not retryable
    }
    if (failure instanceof ApiCallTimeoutException
        || failure instanceof ApiCallAttemptTimeoutException) {
      return new StoreUnavailableException(what + " timed out", failure);
    }
    if (failure instanceof SdkClientException && causedByIo(failure)) {
      return new StoreUnavailableException(what + " could not reach DynamoDB", failure);
    }
    // Not the SDK's message: it may quote the request, and this message may reach a log.
    return new IllegalStateException(
        what + " failed (" + failure.getClass().getSimpleName() + ")", failure);
  }

  private static RuntimeException translateService(
      AwsServiceException failure, String what, String table) {
    if (failure instanceof ResourceNotFoundException) {
      return new IllegalStateException(
          "The DynamoDB table '"
              + table
              + "' does not exist (or is not active) in this account and region: create it"
              + " (KvTable.create) or fix the configured table name",
          failure);
    }
    if (failure instanceof ProvisionedThroughputExceededException
        || failure instanceof RequestLimitExceededException
        || failure instanceof ThrottlingException
        || failure.isThrottlingException()) {
      return new StoreUnavailableException(what + " was throttled", failure);
    }
    if (failure instanceof TransactionConflictException) {
      return new StoreUnavailableException(what + " conflicted with a transaction", failure);
    }
    if (failure.statusCode() >= 500) {
      return new StoreUnavailableException(
          what + " failed with status " + failure.statusCode(), failure);
    }
    if (isItemSizeValidation(failure)) {
      return new ValueTooLargeException(
          "The value does not fit in a DynamoDB item (400 KB with its key and attributes)");
    }
    // Not DynamoDB's message: validation messages may quote the request's values.
    String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
    return new IllegalStateException(
        what + " failed with " + code + " (status " + failure.statusCode() + ")", failure);
  }

  private static boolean isItemSizeValidation(AwsServiceException failure) {
    String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    // DynamoDB: "Item size has exceeded the maximum allowed size" (PutItem) and "Item size to
    // update has exceeded the maximum allowed size" (UpdateItem).
    return "ValidationException".equals(code)
        && message.toLowerCase(Locale.ROOT).contains("item size")
        && message.toLowerCase(Locale.ROOT).contains("exceeded");
  }

  private static boolean causedByIo(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
