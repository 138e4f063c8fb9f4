package dev.kv.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The real url-connection HTTP client with faults switched in: DynamoDB's throttling and server
 * errors as DynamoDB sends them (never reaching the table), or a 500 after the request did reach
 * it. Counts every attempt.
 */
final class FaultInjectingHttpClient implements SdkHttpClient {

  /** What every request meets. */
  enum Fault {
    NONE(0, null),
    PROVISIONED_THROUGHPUT_EXCEEDED(400, "ProvisionedThroughputExceededException"),
    REQUEST_LIMIT_EXCEEDED(400, "RequestLimitExceeded"),
    THROTTLING(400, "ThrottlingException"),
    INTERNAL_SERVER_ERROR(500, "InternalServerError"),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
    /** The request reaches DynamoDB (and may change the table); its answer is lost in a 500. */
    SERVER_ERROR_AFTER_FORWARDING(500, "InternalServerError");

    final int status;
    final String errorCode;

    Fault(int status, String errorCode) {
      this.status = status;
      this.errorCode = errorCode;
    }
  }

  private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile Fault fault = Fault.NONE;

  void inject(Fault newFault) {
    fault = newFault;
    attempts.set(0);
  }

  int attempts() {
    return attempts.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    Fault current = fault;
    if (current == Fault.NONE) {
      return delegate.prepareRequest(request);
    }
    attempts.incrementAndGet();
    if (current == Fault.SERVER_ERROR_AFTER_FORWARDING) {
      ExecutableHttpRequest forwarded = delegate.prepareRequest(request);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() throws IOException {
          HttpExecuteResponse real = forwarded.call();
          if (real.responseBody().isPresent()) {
            try (InputStream body = real.responseBody().get()) {
              body.readAllBytes();
            }
          }
          return errorResponse(current);
        }

        @Override
        public void abort() {
          forwarded.abort();
        }
      };
    }
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return errorResponse(current);
      }

      @Override
      public void abort() {}
    };
  }

  private static HttpExecuteResponse errorResponse(Fault fault) {
    byte[] body =
        ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + fault.errorCode
                + "\",\"message\":\"injected by the test\"}")
            .getBytes(StandardCharsets.UTF_8);
    return HttpExecuteResponse.builder()
        .response(
            SdkHttpResponse.builder()
                .statusCode(fault.status)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amzn-RequestId", "injected-fault")
                .build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
        .build();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
