package io.axon.coordinator.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job-sized blobs on the coordinator's default H2 file database, whose MVStore writes its chunks on
 * background threads (H2's default WRITE_DELAY). H2 2.5 reads the length of a page over 1 MiB from
 * the file even while the chunk holding that page is still in memory, waiting to be written; the
 * read runs past the end of the file and fails with "Reading from file … failed … EOFException".
 * Blob chunks of 1 MiB made every such row a page over 1 MiB: storing a few jobs' shards, with
 * downloads of the newest blob alongside, failed within seconds.
 */
class LargeBlobsOnH2FileTest {
  /** About one 780,000-row job's shards (10 float features: ~34 MB). */
  private static final int SHARD_BYTES = 9 * 1024 * 1024;

  private static final int SHARDS_PER_JOB = 4;
  private static final int JOBS = 5;

  @TempDir Path dataDir;
  Database database;
  BlobStore store;

  @BeforeEach
  void open() {
    CoordinatorConfig config = CoordinatorConfig.builder(dataDir).build();
    assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:").doesNotContain("WRITE_DELAY");
    database = new Database(config);
    database.migrate();
    store = new BlobStore(database, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void storesJobsOfLargeShardsWhileTheNewestIsDownloaded() throws Exception {
    AtomicReference<String> newest = new AtomicReference<>();
    AtomicBoolean storing = new AtomicBoolean(true);
    // counted down once the first job is stored (or storing ended): downloads start then
    CountDownLatch firstStored = new CountDownLatch(1);
    ExecutorService downloader = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> downloads =
          downloader.submit(
              () -> {
                firstStored.await();
                int n = 0;
                while (storing.get()) {
                  assertThat(store.require(newest.get())).hasSize(SHARD_BYTES);
                  n++;
                }
                return n;
              });
      SplittableRandom random = new SplittableRandom(11);
      try {
        for (int job = 0; job < JOBS; job++) {
          byte[][] shards = new byte[SHARDS_PER_JOB][SHARD_BYTES];
          for (byte[] shard : shards) {
            random.nextBytes(shard);
          }
          // like a job submission: all of its shards in one transaction
          String last =
              database
                  .jdbi()
                  .inTransaction(
                      h -> {
                        String sha256 = null;
                        for (byte[] shard : shards) {
                          sha256 = store.put(h, shard).sha256();
                        }
                        return sha256;
                      });
          assertThat(last).isEqualTo(Sha256.hex(shards[SHARDS_PER_JOB - 1]));
          newest.set(last);
          firstStored.countDown();
        }
      } finally {
        storing.set(false);
        firstStored.countDown();
      }
      assertThat(downloads.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      downloader.shutdownNow();
    }
    assertThat(count("blobs")).isEqualTo(JOBS * SHARDS_PER_JOB);
  }

  private long count(String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
