package dev.kv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The size of the deployment zip, and of the zip the floor function would need: the same jars
 * without kv's own and without the libraries only kv uses.
 *
 * @param zipBytes the deployment zip's size on disk
 * @param jars jars in it
 * @param floorBytes compressed bytes of the jars the floor needs (the AWS SDK and the Lambda core
 *     interface), plus the zip's own overhead
 * @param floorJars how many jars that is
 * @param kvOnly the jars only kv needs
 */
record ArtifactSize(long zipBytes, int jars, long floorBytes, int floorJars, List<String> kvOnly) {

  /** Jars the floor does not need: kv's modules and kv's own choices of library. */
  private static final List<String> KV_ONLY_PREFIXES =
      List.of("kv-", "aws-lambda-java-events-", "joda-time-", "crac-", "slf4j-nop-");

  static ArtifactSize of(Path zip) throws IOException {
    long total = Files.size(zip);
    long kvOnlyBytes = 0;
    int jars = 0;
    int floorJars = 0;
    List<String> kvOnly = new java.util.ArrayList<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".jar")) {
          continue;
        }
        jars++;
        String simple = name.substring(name.lastIndexOf('/') + 1);
        if (KV_ONLY_PREFIXES.stream().anyMatch(simple::startsWith)) {
          kvOnly.add(simple);
          // Its entry costs its compressed bytes, a local header and a central directory record.
          kvOnlyBytes += entry.getCompressedSize() + 30 + 46 + 2L * name.length();
        } else {
          floorJars++;
        }
      }
    }
    kvOnly.sort(null);
    return new ArtifactSize(total, jars, total - kvOnlyBytes, floorJars, List.copyOf(kvOnly));
  }
}
