package dev.kv.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kv.reliability.KvClient.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load run with integrity checks: concurrent clients, each owning a few keys and keeping
 * a model of what it wrote to them, send GET / HEAD / PUT / DELETE / conditional PUT / listing to
 * their own keys and If-Match increments to a few shared counters. Every answer is checked against
 * the model as it arrives; at the end every key is read back and every counter compared with the
 * increments acknowledged. Stops after {@link Settings#duration} or {@link
 * Settings#maxRequestsPerClient}, whichever comes first.
 */
final class LoadRun {

  /** Marks every text value, so a test can search logs for any value at all. */
  static final String VALUE_MARK = "secret-";

  /** Every key of a run starts with this. */
  static final String KEY_PREFIX = "load/";

  private static final Pattern LISTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int MAX_REPORTED = 40;

  /**
   * How much load.
   *
   * @param clients concurrent clients
   * @param duration how long they send requests
   * @param keysPerClient keys each client owns
   * @param counters shared counters every client increments
   * @param maxRequestsPerClient a second bound, in requests
   */
  record Settings(
      int clients, Duration duration, int keysPerClient, int counters, int maxRequestsPerClient) {}

  /** What a run did and found. */
  static final class Figures {
    final String store;
    final Settings settings;
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder ackedWrites = new LongAdder();
    final LongAdder ambiguousWrites = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    final LongAdder violations = new LongAdder();
    final List<String> reported = new ArrayList<>();
    long ackedIncrements;
    long lostUpdates;
    int keysVerified;
    long[] latenciesNanos = new long[0];
    Duration elapsed = Duration.ZERO;

    Figures(String store, Settings settings) {
      this.store = store;
      this.settings = settings;
    }

    void count(Answer answer) {
      requests.increment();
      statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
    }

    void violation(String what) {
      violations.increment();
      synchronized (reported) {
        if (reported.size() < MAX_REPORTED) {
          reported.add(what);
        }
      }
    }

    long count(int status) {
      LongAdder n = statuses.get(status);
      return n == null ? 0 : n.sum();
    }

    long serverErrors() {
      return statuses.entrySet().stream()
          .filter(e -> e.getKey() >= 500)
          .mapToLong(e -> e.getValue().sum())
          .sum();
    }

    /** Status 0: the exchange failed in transport (connection refused, reset, timeout). */
    long transportFailures() {
      return count(0);
    }

    Map<Integer, Long> byStatus() {
      Map<Integer, Long> sorted = new TreeMap<>();
      statuses.forEach((status, n) -> sorted.put(status, n.sum()));
      return sorted;
    }

    Duration percentile(double p) {
      if (latenciesNanos.length == 0) {
        return Duration.ZERO;
      }
      int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length));
      return Duration.ofNanos(latenciesNanos[Math.max(0, index - 1)]);
    }

    /** The figures on one line, for the build log. */
    String summary() {
      double seconds = elapsed.toMillis() / 1000.0;
      return String.format(
          "[kv load] %s: %d clients, %.1f s, %d requests (%.0f/s); by status %s; 5xx %d;"
              + " transport failures %d; acknowledged writes %d, ambiguous writes %d;"
              + " counter increments acknowledged %d, If-Match conflicts %d, lost updates %d;"
              + " keys verified %d; integrity violations %d; latency p50 %d ms, p99 %d ms,"
              + " max %d ms",
          store,
          settings.clients(),
          seconds,
          requests.sum(),
          requests.sum() / Math.max(seconds, 0.001),
          byStatus(),
          serverErrors(),
          transportFailures(),
          ackedWrites.sum(),
          ambiguousWrites.sum(),
          ackedIncrements,
          conflicts.sum(),
          lostUpdates,
          keysVerified,
          violations.sum(),
          percentile(0.50).toMillis(),
          percentile(0.99).toMillis(),
          percentile(1.0).toMillis());
    }
  }

  private final URI base;
  private final Settings settings;
  private final Figures figures;
  private final String run;
  private final AtomicLong[] ackedIncrements;
  private final AtomicLong[] ambiguousIncrements;

  private LoadRun(URI base, String store, Settings settings) {
    this.base = base;
    this.settings = settings;
    this.figures = new Figures(store, settings);
    this.run = Long.toString(System.nanoTime() % 1_000_000L, 36);
    this.ackedIncrements = new AtomicLong[settings.counters()];
    this.ambiguousIncrements = new AtomicLong[settings.counters()];
    for (int i = 0; i < settings.counters(); i++) {
      ackedIncrements[i] = new AtomicLong();
      ambiguousIncrements[i] = new AtomicLong();
    }
  }

  /** Runs the load against the API at {@code base}; {@code store} names it in the figures. */
  static Figures run(URI base, String store, Settings settings) throws Exception {
    return new LoadRun(base, store, settings).go();
  }

  private Figures go() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
    List<Future<long[]>> done = new ArrayList<>();
    List<Client> clients = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + settings.duration().toNanos();
    try {
      for (int c = 0; c < settings.clients(); c++) {
        Client client = new Client(c, new KvClient(base), new Random(31L * c + 7));
        clients.add(client);
        done.add(pool.submit(() -> client.load(deadline)));
      }
      List<long[]> latencies = new ArrayList<>();
      for (Future<long[]> f : done) {
        latencies.add(
            f.get(settings.duration().plus(KvClient.TIMEOUT).toSeconds() + 60, TimeUnit.SECONDS));
      }
      figures.elapsed = Duration.ofNanos(System.nanoTime() - start);
      figures.latenciesNanos = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    } finally {
      pool.shutdownNow();
    }
    KvClient checker = new KvClient(base);
    for (Client client : clients) {
      figures.keysVerified += client.verifyAll(checker);
    }
    verifyCounters(checker);
    return figures;
  }

  private String counterKey(int i) {
    return KEY_PREFIX + run + "/counter/" + i;
  }

  private void verifyCounters(KvClient checker) {
    for (int i = 0; i < settings.counters(); i++) {
      long acked = ackedIncrements[i].get();
      long ambiguous = ambiguousIncrements[i].get();
      figures.ackedIncrements += acked;
      Answer answer = checker.get(counterKey(i));
      long value = answer.status() == 404 ? 0 : Long.parseLong(answer.text());
      if (answer.status() != 200 && answer.status() != 404) {
        figures.violation("counter " + i + ": final read answered " + answer.status());
        continue;
      }
      if (value < acked) {
        figures.lostUpdates += acked - value;
        figures.violation(
            "counter " + i + ": " + acked + " increments acknowledged, value is " + value);
      } else if (value > acked + ambiguous) {
        figures.violation(
            "counter "
                + i
                + ": value "
                + value
                + " exceeds "
                + acked
                + " acknowledged + "
                + ambiguous
                + " unanswered increments");
      }
    }
  }

  /** What a client knows of one of its keys. */
  private static final class Known {
    /** The value and version, or null value when the key is absent. */
    byte[] value;

    String contentType;
    long version;

    /** Values an unanswered write may have left; when not empty, the next read resolves it. */
    final List<byte[]> candidates = new ArrayList<>();

    boolean maybeAbsent;

    boolean uncertain() {
      return !candidates.isEmpty() || maybeAbsent;
    }
  }

  /** One simulated user with its own connection pool, keys and model. */
  private final class Client {
    private final int id;
    private final KvClient http;
    private final Random random;
    private final Map<String, Known> model = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private long[] latencies = new long[4096];
    private int count;
    private long seq;

    Client(int id, KvClient http, Random random) {
      this.id = id;
      this.http = http;
      this.random = random;
      for (int k = 0; k < settings.keysPerClient(); k++) {
        String key = prefix() + k;
        keys.add(key);
        model.put(key, new Known());
      }
    }

    String prefix() {
      return KEY_PREFIX + run + "/c" + id + "/";
    }

    long[] load(long deadline) {
      while (System.nanoTime() < deadline && count < settings.maxRequestsPerClient()) {
        String key = keys.get(random.nextInt(keys.size()));
        Known known = model.get(key);
        if (known.uncertain()) {
          read(key, known);
          continue;
        }
        int dice = random.nextInt(100);
        if (dice < 28) {
          read(key, known);
        } else if (dice < 46) {
          put(key, known);
        } else if (dice < 55) {
          delete(key, known);
        } else if (dice < 66) {
          conditionalPut(key, known);
        } else if (dice < 71) {
          failingConditionalPut(key, known);
        } else if (dice < 76) {
          head(key, known);
        } else if (dice < 78) {
          list();
        } else {
          increment(random.nextInt(settings.counters()));
        }
      }
      return Arrays.copyOf(latencies, count);
    }

    private Answer record(Answer answer) {
      figures.count(answer);
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = answer.nanos();
      return answer;
    }

    private void violation(String op, String key, Answer answer, String expected) {
      figures.violation(
          "client "
              + id
              + " "
              + op
              + " "
              + key
              + ": expected "
              + expected
              + ", got "
              + answer.status()
              + (answer.failure() != null ? " (" + answer.failure() + ")" : "")
              + " "
              + abbreviate(answer.text()));
    }

    private byte[] newValue() {
      seq++;
      if (random.nextInt(10) == 0) {
        byte[] binary = new byte[random.nextInt(2048)];
        random.nextBytes(binary);
        return binary;
      }
      int padding = random.nextInt(50) == 0 ? 32 * 1024 : random.nextInt(512);
      return (VALUE_MARK + id + "-" + seq + "-" + "x".repeat(padding)).getBytes(UTF_8);
    }

    private String contentType(byte[] value) {
      return value.length >= VALUE_MARK.length()
              && new String(value, 0, VALUE_MARK.length(), UTF_8).equals(VALUE_MARK)
          ? "text/plain; charset=utf-8"
          : "application/octet-stream";
    }

    /** GET: the model's value and version, or 404; resolves an unanswered write. */
    private void read(String key, Known known) {
      Answer answer = record(http.get(key));
      if (answer.status() == 200) {
        long version = answer.version().orElse(-1L);
        if (known.uncertain()) {
          boolean matches =
              (known.value != null && Arrays.equals(known.value, answer.body()))
                  || known.candidates.stream().anyMatch(c -> Arrays.equals(c, answer.body()));
          if (!matches) {
            violation("GET", key, answer, "the last acknowledged value or an unanswered one");
            return;
          }
          settle(known, answer.body(), version, answer.header("Content-Type"));
          return;
        }
        if (known.value == null) {
          violation("GET", key, answer, "404 (deleted or never written)");
        } else if (!Arrays.equals(known.value, answer.body())) {
          violation("GET", key, answer, "the value of the last acknowledged write");
        } else if (version != known.version) {
          violation("GET", key, answer, "ETag \"" + known.version + "\"");
        } else if (!known.contentType.equals(answer.header("Content-Type"))) {
          violation("GET", key, answer, "Content-Type " + known.contentType);
        }
      } else if (answer.status() == 404) {
        if (known.uncertain()) {
          if (known.value != null && !known.maybeAbsent) {
            violation("GET", key, answer, "a value (no delete was sent since the last write)");
            return;
          }
          settle(known, null, 0, null);
          return;
        }
        if (known.value != null) {
          violation("GET", key, answer, "200 with the last acknowledged value");
        }
      } else if (answer.status() < 500 && answer.status() != 0) {
        violation("GET", key, answer, "200 or 404");
      }
    }

    private void settle(Known known, byte[] value, long version, String contentType) {
      known.value = value;
      known.version = version;
      known.contentType = contentType;
      known.candidates.clear();
      known.maybeAbsent = false;
    }

    private void head(String key, Known known) {
      Answer answer = record(http.send("HEAD", KvClient.entry(key), null));
      int expected = known.value == null ? 404 : 200;
      if (answer.status() != expected && answer.status() < 500 && answer.status() != 0) {
        violation("HEAD", key, answer, Integer.toString(expected));
      } else if (expected == 200
          && answer.status() == 200
          && answer.version().orElse(-1L) != known.version) {
        violation("HEAD", key, answer, "ETag \"" + known.version + "\"");
      }
    }

    private void put(String key, Known known) {
      byte[] value = newValue();
      String type = contentType(value);
      Answer answer = record(http.put(key, value, "Content-Type", type));
      int expected = known.value == null ? 201 : 204;
      long version = known.value == null ? 1 : known.version + 1;
      acknowledgeWrite("PUT", key, known, answer, expected, version, value, type);
    }

    private void conditionalPut(String key, Known known) {
      byte[] value = newValue();
      String type = contentType(value);
      if (known.value == null) {
        Answer answer = record(http.put(key, value, "Content-Type", type, "If-None-Match", "*"));
        acknowledgeWrite("PUT If-None-Match *", key, known, answer, 201, 1, value, type);
      } else {
        Answer answer =
            record(
                http.put(
                    key, value, "Content-Type", type, "If-Match", "\"" + known.version + "\""));
        acknowledgeWrite("PUT If-Match", key, known, answer, 204, known.version + 1, value, type);
      }
    }

    /** A precondition that cannot hold: 412, and nothing changes. */
    private void failingConditionalPut(String key, Known known) {
      byte[] value = newValue();
      Answer answer;
      if (known.value == null) {
        answer = record(http.put(key, value, "If-Match", "\"1\""));
      } else if (random.nextBoolean()) {
        answer = record(http.put(key, value, "If-None-Match", "*"));
      } else {
        answer = record(http.put(key, value, "If-Match", "\"" + (known.version + 7) + "\""));
      }
      if (answer.status() == 412) {
        if (known.value != null && answer.version().orElse(-1L) != known.version) {
          violation("PUT (failing precondition)", key, answer, "412 with the current ETag");
        }
        return;
      }
      if (answer.status() >= 500 || answer.status() == 0) {
        return; // nothing may have changed: a failed precondition cannot write
      }
      violation("PUT (failing precondition)", key, answer, "412");
    }

    private void delete(String key, Known known) {
      Answer answer = record(http.delete(key));
      int expected = known.value == null ? 404 : 204;
      if (answer.status() == expected) {
        if (expected == 204) {
          figures.ackedWrites.increment();
        }
        settle(known, null, 0, null);
      } else if (answer.status() >= 500 || answer.status() == 0) {
        figures.ambiguousWrites.increment();
        if (known.value != null) {
          known.candidates.add(known.value);
        }
        known.maybeAbsent = true;
      } else {
        violation("DELETE", key, answer, Integer.toString(expected));
      }
    }

    private void acknowledgeWrite(
        String op,
        String key,
        Known known,
        Answer answer,
        int expectedStatus,
        long expectedVersion,
        byte[] value,
        String type) {
      if (answer.status() == expectedStatus) {
        figures.ackedWrites.increment();
        long version = answer.version().orElse(-1L);
        if (version != expectedVersion) {
          violation(op, key, answer, "ETag \"" + expectedVersion + "\"");
        }
        settle(known, value, version, type);
      } else if (answer.status() >= 500 || answer.status() == 0) {
        // Unanswered: the write may or may not have landed. The next read must find either.
        figures.ambiguousWrites.increment();
        if (known.value == null) {
          known.maybeAbsent = true;
        }
        known.candidates.add(value);
      } else {
        violation(op, key, answer, Integer.toString(expectedStatus));
      }
    }

    /** Lists this client's prefix: exactly the keys the model holds, once each. */
    private void list() {
      TreeSet<String> listed = new TreeSet<>();
      String cursor = null;
      int pages = 0;
      do {
        String query =
            "/key?limit=7&prefix="
                + java.net.URLEncoder.encode(prefix(), UTF_8)
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, UTF_8));
        Answer answer = record(http.send("GET", query, null));
        if (answer.status() != 200) {
          if (answer.status() < 500 && answer.status() != 0) {
            violation("LIST", prefix(), answer, "200");
          }
          return;
        }
        String json = answer.text();
        int keysStart = json.indexOf('[');
        int keysEnd = json.indexOf(']');
        Matcher m = LISTED.matcher(json.substring(keysStart + 1, keysEnd));
        while (m.find()) {
          if (!listed.add(m.group(1))) {
            violation("LIST", prefix(), answer, "each key once");
          }
        }
        Matcher c = Pattern.compile("\"cursor\":\"([^\"]*)\"").matcher(json);
        cursor = c.find() ? c.group(1) : null;
      } while (cursor != null && ++pages < 100);
      TreeSet<String> expected = new TreeSet<>();
      model.forEach(
          (key, known) -> {
            if (known.value != null) {
              expected.add(key);
            }
          });
      if (!listed.equals(expected)) {
        figures.violation("client " + id + " LIST: expected " + expected + ", got " + listed);
      }
    }

    /** Read, then write the value + 1 under If-Match; a 412 means someone else was first. */
    private void increment(int counter) {
      String key = counterKey(counter);
      Answer read = record(http.get(key));
      Answer write;
      long next;
      if (read.status() == 404) {
        next = 1;
        write =
            record(
                http.put(
                    key, "1".getBytes(UTF_8), "Content-Type", "text/plain", "If-None-Match", "*"));
      } else if (read.status() == 200) {
        next = Long.parseLong(read.text()) + 1;
        write =
            record(
                http.put(
                    key,
                    Long.toString(next).getBytes(UTF_8),
                    "Content-Type",
                    "text/plain",
                    "If-Match",
                    read.header("ETag")));
      } else {
        if (read.status() < 500 && read.status() != 0) {
          violation("GET counter", key, read, "200 or 404");
        }
        return;
      }
      if (write.ok()) {
        ackedIncrements[counter].incrementAndGet();
        figures.ackedWrites.increment();
        if (write.version().orElse(-1L) != next) {
          // Each increment is one write, so the version counts the increments exactly.
          violation("PUT counter", key, write, "ETag \"" + next + "\"");
        }
      } else if (write.status() == 412) {
        figures.conflicts.increment();
      } else if (write.status() >= 500 || write.status() == 0) {
        ambiguousIncrements[counter].incrementAndGet();
        figures.ambiguousWrites.increment();
      } else {
        violation("PUT counter", key, write, "2xx or 412");
      }
    }

    /** Reads every key once more: each must hold its last acknowledged write. */
    int verifyAll(KvClient checker) {
      int verified = 0;
      for (String key : keys) {
        Known known = model.get(key);
        Answer answer = checker.get(key);
        figures.count(answer);
        if (known.uncertain()) {
          boolean matches =
              (answer.status() == 404 && (known.value == null || known.maybeAbsent))
                  || (answer.status() == 200
                      && ((known.value != null && Arrays.equals(known.value, answer.body()))
                          || known.candidates.stream()
                              .anyMatch(c -> Arrays.equals(c, answer.body()))));
          if (!matches) {
            violation("final GET", key, answer, "the last acknowledged value or an unanswered one");
          }
        } else if (known.value == null) {
          if (answer.status() != 404) {
            violation("final GET", key, answer, "404");
          }
        } else if (answer.status() != 200 || !Arrays.equals(known.value, answer.body())) {
          violation("final GET", key, answer, "200 with the last acknowledged value");
        } else if (answer.version().orElse(-1L) != known.version) {
          violation("final GET", key, answer, "ETag \"" + known.version + "\"");
        }
        verified++;
      }
      return verified;
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
  }
}
