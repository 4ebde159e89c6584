package io.axon.coordinator.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.LockWaits;
import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.BlobRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two transactions storing the same bytes at once (two jobs submitted with the same data, two hosts
 * uploading the same model): the second waits for the first and must then neither fail nor store a
 * second copy, and must store the blob itself if the first rolled back.
 */
class ConcurrentBlobStoreTest {
  @TempDir Path dataDir;
  Database database;
  BlobStore store;
  static final byte[] OWN = "the second writer's own blob".getBytes(StandardCharsets.UTF_8);
  final byte[] bytes = new byte[BlobStore.CHUNK_BYTES + 100];

  /** BlobStore's statement that waits for another transaction storing the same blob. */
  private static final String INSERT = "INSERT INTO blobs";

  @BeforeEach
  void open() {
    database = new Database(CoordinatorConfig.builder(dataDir).build());
    database.migrate();
    store = new BlobStore(database, Clock.systemUTC());
    new SplittableRandom(7).nextBytes(bytes);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aSecondWriterOfTheSameBlobWaitsAndFindsItStored() throws Exception {
    CompletableFuture<BlobRef> second;
    try (Handle first = database.jdbi().open()) {
      first.begin();
      store.put(first, bytes);
      second = secondWriter();
      first.commit();
    }

    assertThat(second.get(30, TimeUnit.SECONDS))
        .isEqualTo(new BlobRef(Sha256.hex(bytes), bytes.length));
    assertThat(store.get(Sha256.hex(bytes)))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(store.get(Sha256.hex(OWN))).as("the rest of its transaction").isPresent();
    assertThat(count("blobs")).isEqualTo(2);
    assertThat(count("blob_chunks")).isEqualTo(3);
  }

  @Test
  void aSecondWriterStoresTheBlobItselfWhenTheFirstRollsBack() throws Exception {
    CompletableFuture<BlobRef> second;
    try (Handle first = database.jdbi().open()) {
      first.begin();
      store.put(first, bytes);
      second = secondWriter();
      first.rollback();
    }

    assertThat(second.get(30, TimeUnit.SECONDS).sha256()).isEqualTo(Sha256.hex(bytes));
    assertThat(store.get(Sha256.hex(bytes)))
        .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    assertThat(count("blob_chunks")).isEqualTo(3);
  }

  @Test
  void writersRacingForTheSameBlobsAllSucceed() throws Exception {
    int writers = 4;
    int blobs = 300;
    CyclicBarrier start = new CyclicBarrier(writers);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < blobs; i++) {
                  byte[] small = ("blob " + i).getBytes(StandardCharsets.UTF_8);
                  meet(start);
                  database.jdbi().useTransaction(h -> store.put(h, small));
                }
              },
              Executors.newSingleThreadExecutor()));
    }
    for (CompletableFuture<Void> writer : done) {
      writer.get(120, TimeUnit.SECONDS);
    }
    assertThat(count("blobs")).isEqualTo(blobs);
    assertThat(count("blob_chunks")).isEqualTo(blobs);
  }

  private static void meet(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts storing other bytes and then the same bytes in a transaction of its own, and keeps it
   * waiting for longer than H2's lock timeout, as a job submission that stores many shards in one
   * transaction does: until H2 gave up on its INSERT once and BlobStore ran it again.
   */
  private CompletableFuture<BlobRef> secondWriter() {
    CompletableFuture<BlobRef> second =
        CompletableFuture.supplyAsync(
            () ->
                database
                    .jdbi()
                    .inTransaction(
                        h -> {
                          store.put(h, OWN);
                          return store.put(h, bytes);
                        }));
    LockWaits.awaitStatementWaiting(database.jdbi(), INSERT);
    List<String> first = LockWaits.starts(database.jdbi(), INSERT);
    // past H2's lock timeout (2 s, its INITIAL_LOCK_TIMEOUT), whatever this machine's speed
    await()
        .alias("the second writer's INSERT timed out and was run again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .failFast("the second writer gave up", second::isDone)
        .until(
            () -> {
              List<String> now = LockWaits.starts(database.jdbi(), INSERT);
              return !now.isEmpty() && !now.equals(first);
            });
    assertThat(second).as("the second writer waits for the first").isNotDone();
    return second;
  }

  private long count(String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
