package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.host.HostDao;
import io.axon.coordinator.job.JobService;
import io.axon.coordinator.workunit.AdaptiveReplication;
import io.axon.coordinator.workunit.Assimilator;
import io.axon.coordinator.workunit.ResultService;
import io.axon.coordinator.workunit.Transitioner;
import io.axon.coordinator.workunit.WorkService;
import io.axon.core.common.Sha256;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingListener;
import io.axon.core.training.TrainingResult;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts upload the results of the same units at the same moment, in opposite orders: every
 * upload is accepted, every replica validated and paid once, no deadlock reaches a volunteer.
 */
class ConcurrentValidationTest {
  @TempDir Path dir;

  @Test
  void twoHostsUploadingTheSameUnitsInOppositeOrdersAreAllValidatedAndPaidOnce() throws Exception {
    CoordinatorConfig config = CoordinatorConfig.builder(dir).build();
    try (Database database = new Database(config)) {
      database.migrate();
      Clock clock = Clock.systemUTC();
      BlobStore blobs = new BlobStore(database, clock);
      Transitioner transitioner =
          new Transitioner(
              database,
              new Assimilator(database, blobs, clock),
              new CreditGranter(),
              clock,
              config);
      JobService jobs = new JobService(database, blobs, clock);
      WorkService work =
          new WorkService(database, clock, config, transitioner, new AdaptiveReplication());
      ResultService results = new ResultService(database, blobs, clock, transitioner);
      jobs.submit(
          TestJobs.replicated("both", 12, 1),
          new StringReader(new String(TestJobs.separableCsv(600, 71), StandardCharsets.UTF_8)));
      Jdbi jdbi = database.jdbi();
      List<Long> hosts = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        hosts.add(
            jdbi.withHandle(
                h ->
                    h.attach(HostDao.class)
                        .insert(
                            name,
                            "test",
                            2,
                            1L << 30,
                            "t",
                            "sha-" + name,
                            clock.instant(),
                            null,
                            "LOGISTIC,SOFTMAX,LINEAR,MLP")));
      }
      List<List<Upload>> uploads = new ArrayList<>();
      for (long host : hosts) {
        List<Upload> mine = new ArrayList<>();
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          WorkAssignment a =
              work.request(host, new WorkRequest(2, 1L << 30, held, 0, 0)).assignment();
          held.add(a.workUnitId());
          mine.add(train(blobs, host, a));
        }
        uploads.add(mine);
      }
      Collections.reverse(uploads.get(1));

      ExecutorService threads = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<Integer>> accepted = new ArrayList<>();
        for (List<Upload> mine : uploads) {
          accepted.add(
              threads.submit(
                  () -> {
                    go.await();
                    int n = 0;
                    for (Upload u : mine) {
                      if (results.accept(u.host(), u.report(), u.model()).accepted()) {
                        n++;
                      }
                    }
                    return n;
                  }));
        }
        go.countDown();
        for (Future<Integer> f : accepted) {
          assertThat(f.get()).isEqualTo(12);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(count(jdbi, "replicas WHERE validate_state = 'VALID'")).isEqualTo(24);
      assertThat(count(jdbi, "work_units WHERE state = 'VALIDATED'")).isEqualTo(12);
      assertThat(count(jdbi, "credit_ledger")).isEqualTo(24);
      assertThat(count(jdbi, "hosts WHERE consecutive_valid = 12")).isEqualTo(2);
    }
  }

  private record Upload(long host, ResultReport report, byte[] model) {}

  private static Upload train(BlobStore blobs, long host, WorkAssignment work) {
    TrainingResult trained =
        Kernel.forSpec(work.model())
            .train(
                ModelFormat.decode(blobs.require(work.modelBlob().sha256())),
                ShardFormat.decode(blobs.require(work.shardBlob().sha256())),
                work.hyperparameters(),
                work.localEpochs(),
                work.seed(),
                1,
                TrainingListener.NONE);
    byte[] bytes = ModelFormat.encode(trained.model());
    return new Upload(
        host,
        new ResultReport(
            work.workUnitId(),
            Sha256.hex(bytes),
            trained.meanLoss(),
            trained.samples(),
            trained.flops(),
            1),
        bytes);
  }

  private static long count(Jdbi jdbi, String what) {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM " + what).mapTo(Long.class).one());
  }
}
