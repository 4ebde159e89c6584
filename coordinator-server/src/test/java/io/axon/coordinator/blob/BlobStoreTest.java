package io.axon.coordinator.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.BlobRef;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir Path dataDir;
  Database database;
  BlobStore store;

  @BeforeEach
  void open() {
    database = new Database(CoordinatorConfig.builder(dataDir).build());
    database.migrate();
    store = new BlobStore(database, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void blobLargerThanAChunkComesBackByteForByte() {
    byte[] bytes = new byte[BlobStore.CHUNK_BYTES * 2 + 12345];
    new SplittableRandom(1).nextBytes(bytes);

    BlobRef ref = database.jdbi().inTransaction(h -> store.put(h, bytes));

    assertThat(ref).isEqualTo(new BlobRef(Sha256.hex(bytes), bytes.length));
    assertThat(store.get(ref.sha256())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(count("blob_chunks")).isEqualTo(3);
  }

  @Test
  void storingTheSameBytesTwiceKeepsOneCopy() {
    byte[] bytes = {1, 2, 3};

    database.jdbi().useTransaction(h -> store.put(h, bytes));
    database.jdbi().useTransaction(h -> store.put(h, bytes));

    assertThat(count("blobs")).isEqualTo(1);
    assertThat(count("blob_chunks")).isEqualTo(1);
  }

  @Test
  void emptyBlobIsStoredToo() {
    BlobRef ref = database.jdbi().inTransaction(h -> store.put(h, new byte[0]));

    assertThat(store.get(ref.sha256())).hasValueSatisfying(b -> assertThat(b).isEmpty());
  }

  @Test
  void unknownBlobIsEmpty() {
    assertThat(store.get("0".repeat(64))).isEmpty();
  }

  private long count(String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
