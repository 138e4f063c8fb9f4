package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kv.core.Entry;
import dev.kv.core.Key;
import dev.kv.core.KeyValueService;
import dev.kv.core.Precondition;
import dev.kv.core.PreconditionFailedException;
import dev.kv.dynamodb.DynamoDbKeyValueStore;
import dev.kv.dynamodb.DynamoDbStoreConfig;
import dev.kv.dynamodb.KvTable;
import dev.kv.dynamodb.testing.DynamoDbTestEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The README's "Using the DynamoDB store", with only kv's published artifacts on the class path. */
class DynamoDbStoreTest {

  @Test
  void aStoreOnATableTheApplicationCreatedKeepsEntriesVersionsAndPreconditions() throws Exception {
    DynamoDbTestEndpoint dynamo = DynamoDbTestEndpoint.shared();
    String table = "embedded-" + Long.toString(System.nanoTime(), 36);
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(dynamo.endpoint())
            .region(Region.of(dynamo.region()))
            .credentialsProvider(dynamo.credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      assertTrue(new KvTable(client, table).create().created());

      DynamoDbStoreConfig config =
          DynamoDbStoreConfig.of(table, dynamo.region())
              .withEndpointOverride(dynamo.endpoint())
              .withCredentials(dynamo.credentials());
      try (DynamoDbKeyValueStore store = DynamoDbKeyValueStore.create(config)) {
        KeyValueService kv = new KeyValueService(store);

        assertTrue(
            kv.put(Key.of("a/1"), "one".getBytes(StandardCharsets.UTF_8), "text/plain").created());
        Entry entry = kv.get(Key.of("a/1")).orElseThrow();
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), entry.value());
        assertEquals(1, entry.version());

        assertThrows(
            PreconditionFailedException.class,
            () ->
                kv.put(
                    Key.of("a/1"),
                    new byte[] {2},
                    "application/octet-stream",
                    Precondition.versionEquals(7),
                    null));
        assertEquals(List.of("a/1"), kv.list("a/", 10, null).keys());
        assertTrue(kv.delete(Key.of("a/1")));
        assertFalse(kv.get(Key.of("a/1")).isPresent());
      }
    }
  }
}
