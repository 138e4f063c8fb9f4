package dev.kv.lambda.http.archfixture;

import com.amazonaws.services.lambda.runtime.Context;

/** Breaks the layering on purpose: an HTTP rule that needs Lambda's context. */
public final class HttpUsingLambdaContext {
  public static String requestId(Context context) {
    return context.getAwsRequestId();
  }
}
