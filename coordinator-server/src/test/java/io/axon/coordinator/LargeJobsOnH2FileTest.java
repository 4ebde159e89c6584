package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.demo.SyntheticLogistic;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's failure, through the real HTTP API: several 780,000-row jobs (~90 MB of CSV each)
 * submitted one after the other to one coordinator on its default H2 file database, while a
 * volunteer downloads the newest job's shards. With 1 MiB blob chunks H2 failed with "Reading from
 * file … failed" (see {@code blob.LargeBlobsOnH2FileTest}, the fast version that always runs).
 * Takes minutes and a few GB of heap, so it runs only with {@code -Daxon.test.largeJobs=true}.
 */
@EnabledIfSystemProperty(named = "axon.test.largeJobs", matches = "true")
class LargeJobsOnH2FileTest {
  private static final int ROWS = 780_000;
  private static final int JOBS = Integer.getInteger("axon.test.largeJobs.count", 4);

  @TempDir Path dataDir;
  @TempDir Path csvDir;

  @Test
  void submitsSeveralLargeJobsWhileShardsAreDownloaded() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.config.jdbcUrl()).startsWith("jdbc:h2:file:");
      String token = server.register("downloader").token();
      AtomicReference<List<String>> shards = new AtomicReference<>(List.of());
      AtomicBoolean submitting = new AtomicBoolean(true);
      // counted down once the first job's shards are known (or submitting ended)
      CountDownLatch firstJob = new CountDownLatch(1);
      List<String> failures = new CopyOnWriteArrayList<>();
      ExecutorService downloader = Executors.newSingleThreadExecutor();
      try {
        Future<Integer> downloads =
            downloader.submit(
                () -> {
                  firstJob.await();
                  int n = 0;
                  while (submitting.get()) {
                    for (String sha256 : shards.get()) {
                      HttpResponse<byte[]> reply =
                          server.getBytes("/api/v1/blobs/" + sha256, token, Map.of());
                      if (reply.statusCode() != 200) {
                        failures.add("GET blob " + reply.statusCode() + ": " + body(reply));
                      }
                      n++;
                    }
                  }
                  return n;
                });
        try {
          for (int i = 1; i <= JOBS && failures.isEmpty(); i++) {
            Path csv = csvDir.resolve("job" + i + ".csv");
            SyntheticLogistic.writeCsv(csv, ROWS, i);
            HttpResponse<String> reply =
                server.postMultipart(
                    "/api/v1/jobs",
                    null,
                    new TestServer.Multipart()
                        .json("spec", ProtocolJson.toJson(TestJobs.logistic("large-" + i, 2, 5)))
                        .part("data", "text/csv", Files.readAllBytes(csv)));
            Files.delete(csv);
            if (reply.statusCode() != 201) {
              failures.add("POST job " + i + " " + reply.statusCode() + ": " + reply.body());
              break;
            }
            long id = ProtocolJson.fromJson(reply.body(), JobStatus.class).id();
            shards.set(shardNames(server, id));
            firstJob.countDown();
          }
        } finally {
          submitting.set(false);
          firstJob.countDown();
        }
        assertThat(failures).isEmpty();
        assertThat(downloads.get(5, TimeUnit.MINUTES)).isPositive();
      } finally {
        downloader.shutdownNow();
      }
    }
  }

  private static List<String> shardNames(TestServer server, long jobId) {
    return Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT blob_sha256 FROM shards WHERE job_id = :id")
                    .bind("id", jobId)
                    .mapTo(String.class)
                    .list());
  }

  private static String body(HttpResponse<byte[]> reply) {
    return new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
