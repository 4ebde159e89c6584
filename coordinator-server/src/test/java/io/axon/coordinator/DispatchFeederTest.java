package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.host.HeartbeatBuffer;
import io.axon.coordinator.host.HostDao;
import io.axon.coordinator.host.HostService;
import io.axon.coordinator.job.JobService;
import io.axon.coordinator.workunit.AdaptiveReplication;
import io.axon.coordinator.workunit.Assimilator;
import io.axon.coordinator.workunit.Transitioner;
import io.axon.coordinator.workunit.WorkService;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkRequest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Dispatch through the feeder's in-memory cache of sendable replicas (no HTTP): what it hands out
 * under concurrent requests, to whom, and what happens when the cache is out of date.
 */
class DispatchFeederTest {
  @TempDir Path dir;
  private Database database;
  private Jdbi jdbi;
  private JobService jobs;
  private Transitioner transitioner;
  private CoordinatorConfig config;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void open() {
    config = CoordinatorConfig.builder(dir).build();
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

  @Test
  void concurrentRequestsGetEveryReplicaOnceAcrossRefills() throws Exception {
    // 300 replicas: more than the feeder keeps per job, so it refills while requests run
    submit(TestJobs.replicated("many", 150, 1), 1200);
    WorkService dispatcher = dispatcher();
    List<Long> hosts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      hosts.add(host("h" + i, 2, null));
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> received = new ArrayList<>();
    try {
      for (long hostId : hosts) {
        received.add(
            threads.submit(
                () -> {
                  go.await();
                  List<Long> units = new ArrayList<>();
                  for (int i = 0; i < 2; i++) {
                    WorkAssignment a = request(dispatcher, hostId, units);
                    if (a != null) {
                      units.add(a.workUnitId());
                    }
                  }
                  return units;
                }));
      }
      go.countDown();
      int sent = 0;
      for (Future<List<Long>> f : received) {
        List<Long> units = f.get();
        assertThat(units).doesNotHaveDuplicates();
        sent += units.size();
      }
      assertThat(sent).isEqualTo(300);
    } finally {
      threads.shutdownNow();
    }
    assertThat(count("SELECT COUNT(*) FROM replicas WHERE server_state = 'IN_PROGRESS'"))
        .isEqualTo(300);
    assertThat(count("SELECT COUNT(DISTINCT work_unit_id) FROM replicas")).isEqualTo(150);
    // every unit went to two different hosts
    assertThat(
            count(
                "SELECT COUNT(*) FROM (SELECT work_unit_id FROM replicas"
                    + " GROUP BY work_unit_id HAVING COUNT(DISTINCT host_id) = 2) t"))
        .isEqualTo(150);
  }

  @Test
  void aHostBelowTheJobsPlacementGetsNothingAndOneThatMeetsItGetsWork() throws Exception {
    submit(TestJobs.logistic("big", 3, 1).withPlacement(new JobSpec.Placement(4, 0, null)), 100);
    WorkService dispatcher = dispatcher();
    long small = host("small", 2, null);
    long big = host("big", 4, null);

    assertThat(request(dispatcher, small, List.of())).isNull();
    assertThat(request(dispatcher, big, List.of())).isNotNull();
    assertThat(request(dispatcher, small, List.of())).isNull();
  }

  @Test
  void aRoundTripTimeHeardInAHeartbeatNotYetWrittenCountsForPlacement() throws Exception {
    submit(TestJobs.logistic("near", 2, 1).withPlacement(new JobSpec.Placement(0, 0, 50L)), 100);
    HeartbeatBuffer beats = new HeartbeatBuffer(database);
    WorkService dispatcher =
        new WorkService(
            database, clock, config, transitioner, new AdaptiveReplication(new Random(1)), beats);
    long host = host("near", 2, null);
    // no RTT measured yet: a job with a limit is not for this host
    assertThat(request(dispatcher, host, List.of())).isNull();

    HostService hosts = new HostService(database, clock, config, beats);
    hosts.heartbeat(host, new Heartbeat(Heartbeat.HostState.IDLE, null, 2, 20L));
    assertThat(request(dispatcher, host, List.of())).isNotNull();
  }

  @Test
  void twoHostsOfOneAccountNeverGetBothReplicasOfAUnit() throws Exception {
    submit(TestJobs.replicated("pair", 1, 1), 100);
    WorkService dispatcher = dispatcher();
    long account = account("alice");
    long first = host("alice-1", 2, account);
    long second = host("alice-2", 2, account);
    long stranger = host("bob", 2, null);

    WorkAssignment a = request(dispatcher, first, List.of());
    assertThat(a).isNotNull();
    assertThat(request(dispatcher, second, List.of())).isNull();
    // the replica the second host could not take is still there for someone else
    WorkAssignment b = request(dispatcher, stranger, List.of());
    assertThat(b).isNotNull();
    assertThat(b.workUnitId()).isEqualTo(a.workUnitId());
  }

  @Test
  void aCachedReplicaAnotherCoordinatorSentIsSkippedForTheNext() throws Exception {
    submit(TestJobs.logistic("taken", 10, 1), 200);
    WorkService dispatcher = dispatcher();
    long host = host("h", 2, null);
    // the first request fills the cache with all ten replicas
    WorkAssignment first = request(dispatcher, host, List.of());
    assertThat(first).isNotNull();
    // meanwhile another coordinator sends all but the newest of the other nine
    long newest = count("SELECT MAX(id) FROM replicas WHERE server_state = 'UNSENT'");
    int taken =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE replicas SET server_state = 'IN_PROGRESS', host_id = :host,"
                            + " owner = CONCAT('x', CAST(id AS VARCHAR(20))), sent_millis = 0,"
                            + " deadline_millis = :far"
                            + " WHERE server_state = 'UNSENT' AND id < :newest")
                    .bind("host", host)
                    .bind("far", Long.MAX_VALUE / 2)
                    .bind("newest", newest)
                    .execute());
    assertThat(taken).isEqualTo(8);

    List<Long> held = new ArrayList<>(List.of(first.workUnitId()));
    held.addAll(
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT work_unit_id FROM replicas WHERE server_state = 'IN_PROGRESS'")
                    .mapTo(Long.class)
                    .list()));
    WorkAssignment next = request(dispatcher, host, held);
    assertThat(next).isNotNull();
    assertThat(count("SELECT id FROM replicas WHERE work_unit_id = " + next.workUnitId()))
        .isEqualTo(newest);
    held.add(next.workUnitId());
    assertThat(request(dispatcher, host, held)).isNull();
  }

  @Test
  void aJobSubmittedAfterTheCacheFilledIsDispatchedAtOnce() throws Exception {
    submit(TestJobs.logistic("first", 1, 1), 100);
    WorkService dispatcher = dispatcher();
    long host = host("h", 2, null);
    WorkAssignment a = request(dispatcher, host, List.of());
    assertThat(a).isNotNull();
    assertThat(request(dispatcher, host, List.of(a.workUnitId()))).isNull();

    JobStatus second = submit(TestJobs.logistic("second", 1, 1), 100);
    WorkAssignment b = request(dispatcher, host, List.of(a.workUnitId()));
    assertThat(b).isNotNull();
    assertThat(b.jobId()).isEqualTo(second.id());
  }

  @Test
  void aFailedJobsCachedReplicasAreNotSent() throws Exception {
    JobStatus job = submit(TestJobs.logistic("stopped", 5, 1), 100);
    WorkService dispatcher = dispatcher();
    long host = host("h", 2, null);
    WorkAssignment a = request(dispatcher, host, List.of());
    assertThat(a).isNotNull();
    // the cache holds the other four; the job stops without the feeder hearing of it
    jdbi.useHandle(h -> h.execute("UPDATE jobs SET state = 'FAILED' WHERE id = ?", job.id()));
    assertThat(request(dispatcher, host, List.of(a.workUnitId()))).isNull();
    assertThat(count("SELECT COUNT(*) FROM replicas WHERE server_state = 'IN_PROGRESS'"))
        .isEqualTo(1);
  }

  private WorkService dispatcher() {
    return new WorkService(
        database, clock, config, transitioner, new AdaptiveReplication(new Random(1)));
  }

  private static WorkAssignment request(WorkService dispatcher, long hostId, List<Long> held) {
    return dispatcher.request(hostId, new WorkRequest(2, 1L << 30, held, 0, 0)).assignment();
  }

  private JobStatus submit(JobSpec spec, int rows) throws Exception {
    String csv = new String(TestJobs.separableCsv(rows, 61), StandardCharsets.UTF_8);
    return jobs.submit(spec, new StringReader(csv));
  }

  private long host(String name, int cores, Long accountId) {
    return jdbi.withHandle(
        h ->
            h.attach(HostDao.class)
                .insert(
                    name,
                    "test",
                    cores,
                    1L << 30,
                    "test-1",
                    "sha-" + name,
                    clock.instant(),
                    accountId,
                    "LOGISTIC,SOFTMAX,LINEAR,MLP"));
  }

  private long account(String name) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO accounts (name, key_sha256, created_at)"
                        + " VALUES (:name, :key, :now)")
                .bind("name", name)
                .bind("key", "key-" + name)
                .bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
