package dev.kv.bench.coldstart;

/**
 * Classes a JVM loaded up to the first response, by where they came from ({@code
 * -Xlog:class+load}).
 *
 * @param total every class loaded
 * @param jdk JDK classes, from the CDS archive or the runtime image
 * @param fromCds of those, the ones mapped from the CDS archive (cheap to load)
 * @param jars classes read from the class path's jars
 * @param generated classes spun at run time: lambda proxies, method-handle forms, reflection
 * @param kv of the jar classes, kv's own ({@code dev.kv.*} outside the harness)
 * @param awsSdk of the jar classes, the AWS SDK's ({@code software.amazon.*})
 * @param lambdaLibraries of the jar classes, the Lambda core and events libraries', and joda-time
 */
public record ClassLoading(
    int total,
    int jdk,
    int fromCds,
    int jars,
    int generated,
    int kv,
    int awsSdk,
    int lambdaLibraries) {

  /** Counts the class-load log lines that came before the result line. */
  static ClassLoading count(Iterable<String> lines) {
    int total = 0;
    int jdk = 0;
    int cds = 0;
    int jars = 0;
    int generated = 0;
    int kv = 0;
    int sdk = 0;
    int lambda = 0;
    for (String line : lines) {
      if (line.startsWith(RuntimeStandIn.RESULT_PREFIX)) {
        break;
      }
      int tag = line.indexOf("[class,load] ");
      if (tag < 0) {
        continue;
      }
      String rest = line.substring(tag + "[class,load] ".length());
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      int sourceAt = rest.indexOf("source: ");
      String source = sourceAt < 0 ? "" : rest.substring(sourceAt + "source: ".length());
      total++;
      if (source.startsWith("shared objects file")) {
        jdk++;
        cds++;
      } else if (source.startsWith("jrt:/")) {
        jdk++;
      } else if (source.startsWith("file:") || source.startsWith("jar:")) {
        jars++;
        if (name.startsWith("dev.kv.") && !name.startsWith("dev.kv.bench.")) {
          kv++;
        } else if (name.startsWith("software.amazon.")) {
          sdk++;
        } else if (name.startsWith("com.amazonaws.services.lambda.")
            || name.startsWith("org.joda.")) {
          lambda++;
        }
      } else {
        generated++;
      }
    }
    return new ClassLoading(total, jdk, cds, jars, generated, kv, sdk, lambda);
  }
}
