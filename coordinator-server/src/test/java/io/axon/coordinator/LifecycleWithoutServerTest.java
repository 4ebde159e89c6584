package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.host.HostDao;
import io.axon.coordinator.job.JobService;
import io.axon.coordinator.workunit.AdaptiveReplication;
import io.axon.coordinator.workunit.Assimilator;
import io.axon.coordinator.workunit.Transitioner;
import io.axon.coordinator.workunit.WorkService;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkRequest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle roles as plain objects on one H2 database, no HTTP: two dispatchers stand in for
 * two coordinators, and adaptive replication draws from a seeded generator.
 */
class LifecycleWithoutServerTest {
  @TempDir Path dir;
  private Database database;
  private Jdbi jdbi;
  private JobService jobs;
  private Transitioner transitioner;
  private CoordinatorConfig config;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void open() {
    config = CoordinatorConfig.builder(dir).deadline(Duration.ofMinutes(5)).build();
    database = new Database(config);
    database.migrate();
    jdbi = database.jdbi();
    BlobStore blobs = new BlobStore(database, clock);
    transitioner =
        new Transitioner(
            database, new Assimilator(database, blobs, clock), new CreditGranter(), clock, config);
    jobs = new JobService(database, blobs, clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private WorkService dispatcher(long seed) {
    return new WorkService(
        database, clock, config, transitioner, new AdaptiveReplication(new Random(seed)));
  }

  private JobStatus submit(JobSpec spec, int rows) throws Exception {
    String csv = new String(TestJobs.separableCsv(rows, 61), StandardCharsets.UTF_8);
    return jobs.submit(spec, new StringReader(csv));
  }

  private long host(String name) {
    return jdbi.withHandle(
        h ->
            h.attach(HostDao.class)
                .insert(
                    name,
                    "test",
                    2,
                    1L << 30,
                    "test-1",
                    "sha-" + name,
                    clock.instant(),
                    null,
                    "LOGISTIC,SOFTMAX,LINEAR,MLP"));
  }

  @Test
  void twoDispatchersOnOneDatabaseSendEachReplicaOnceAndNoUnitTwiceToAHost() throws Exception {
    submit(TestJobs.replicated("racing", 30, 1), 600);
    List<WorkService> dispatchers = List.of(dispatcher(1), dispatcher(2));
    List<Long> hosts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      hosts.add(host("h" + i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> received = new ArrayList<>();
    try {
      for (int i = 0; i < hosts.size(); i++) {
        long hostId = hosts.get(i);
        WorkService mine = dispatchers.get(i % 2);
        WorkService theOther = dispatchers.get((i + 1) % 2);
        received.add(
            threads.submit(
                () -> {
                  go.await();
                  List<Long> units = new ArrayList<>();
                  for (WorkService dispatcher : List.of(mine, theOther)) {
                    WorkAssignment a =
                        dispatcher
                            .request(hostId, new WorkRequest(2, 1L << 30, units, 0, 0))
                            .assignment();
                    if (a != null) {
                      units.add(a.workUnitId());
                    }
                  }
                  return units;
                }));
      }
      go.countDown();
      Map<Long, Integer> perUnit = new HashMap<>();
      int sent = 0;
      for (Future<List<Long>> f : received) {
        List<Long> units = f.get();
        assertThat(units).doesNotHaveDuplicates();
        for (long unit : units) {
          perUnit.merge(unit, 1, Integer::sum);
          sent++;
        }
      }

      // 80 requests for 60 replicas: every replica out exactly once
      assertThat(sent).isEqualTo(60);
      assertThat(perUnit).hasSize(30);
      assertThat(perUnit.values()).containsOnly(2);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void adaptiveReplicationFollowsTheSeededGeneratorUnitByUnit() throws Exception {
    submit(TestJobs.replicated("adaptive", 12, 1), 600);
    long trusted = host("trusted");
    jdbi.useHandle(h -> h.execute("UPDATE hosts SET consecutive_valid = 10 WHERE id = ?", trusted));
    WorkService dispatcher = dispatcher(5);
    Random twin = new Random(5);

    List<Long> held = new ArrayList<>();
    List<Boolean> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      WorkAssignment a =
          dispatcher.request(trusted, new WorkRequest(2, 1L << 30, held, 0, 0)).assignment();
      held.add(a.workUnitId());
      expected.add(twin.nextDouble() >= 1.0 / 10);
    }

    List<Boolean> alone = new ArrayList<>();
    for (long unit : held) {
      alone.add(
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT min_quorum = 1 AND (SELECT COUNT(*) FROM replicas"
                              + " WHERE work_unit_id = :u AND outcome = 'DIDNT_NEED') = 1"
                              + " FROM work_units WHERE id = :u")
                      .bind("u", unit)
                      .mapTo(Boolean.class)
                      .one()));
    }
    assertThat(alone).isEqualTo(expected);
    // with n = 10 about one unit in ten stays replicated: this seed shows both
    assertThat(alone).contains(true, false);
  }
}
