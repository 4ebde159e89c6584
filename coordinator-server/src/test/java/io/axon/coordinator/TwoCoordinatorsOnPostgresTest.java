package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.engine.EngineConfig;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's scale-out acceptance: a real PostgreSQL 15, two coordinators on it, real volunteer
 * engines spread over both (hosts of one account on different coordinators, so that they race for
 * the same units), replicated jobs (two replicas that must agree) running to the end. Then the
 * database must show that no work unit went out more often than its replicas and no credit was paid
 * twice ({@link ScaleOutInvariants}).
 */
class TwoCoordinatorsOnPostgresTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  /** Far beyond what the jobs need (about 10 s each here); only a broken run waits this long. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final int ENGINES = 6;
  private static final int ACCOUNTS = 3;

  @TempDir Path dir;

  @Test
  void volunteersOnTwoCoordinatorsRunReplicatedJobsWithEveryUnitSentAndPaidOnce()
      throws IOException {
    try (TestServer a = coordinator("a");
        TestServer b = coordinator("b")) {
      List<Long> jobs =
          List.of(
              submit(a, spec("first", 4, 3), TestJobs.separableCsv(800, 61)),
              submit(b, spec("second", 3, 3), TestJobs.separableCsv(600, 62)));

      List<RunningEngines.Receipt> receipts;
      try (RunningEngines engines = new RunningEngines(engines(a, b))) {
        awaitFinished(a, jobs);
        assertThat(engines.errors).isEmpty();
        receipts = List.copyOf(engines.receipts);
      }

      ScaleOutInvariants db = new ScaleOutInvariants(Jdbi.create(postgres.url()));
      for (long job : jobs) {
        JobStatus onA = status(a, job);
        assertThat(onA.state()).as(onA.toString()).isEqualTo(JobState.DONE);
        assertThat(status(b, job)).as("both coordinators tell the same").isEqualTo(onA);
        db.assertRoundsClosedOnceFromTheirCanonicalResults(job, onA);
      }
      db.assertEveryReplicaSentToOneHostAtMostOnce(receipts, true);
      db.assertNoUnitHasTwoReplicasOnOneAccount();
      db.assertCreditPaidOncePerValidReplica();
      assertThat(dispatches(a)).as("coordinator a dispatched").isPositive();
      assertThat(dispatches(b)).as("coordinator b dispatched").isPositive();
    }
  }

  @Test
  void whenOneCoordinatorStopsMidJobItsVolunteersFailOverAndTheJobFinishesOnTheOther()
      throws Exception {
    TestServer b = coordinator("b");
    try (TestServer a = coordinator("a")) {
      long job = submit(b, spec("failover", 4, 4), TestJobs.separableCsv(800, 63));

      List<RunningEngines.Receipt> receipts;
      // the engines wait at round 2 of 4 while b stops: mid-job by construction
      RunningEngines.RoundGate gate = new RunningEngines.RoundGate(2);
      try (RunningEngines engines = new RunningEngines(engines(a, b), gate)) {
        gate.awaitHeld();
        assertThat(status(a, job).state()).isEqualTo(JobState.RUNNING);
        b.stop();
        gate.open();
        awaitFinished(a, List.of(job));
        assertThat(engines.errors).isEmpty();
        receipts = List.copyOf(engines.receipts);
      }

      JobStatus done = status(a, job);
      assertThat(done.state()).as(done.toString()).isEqualTo(JobState.DONE);
      ScaleOutInvariants db = new ScaleOutInvariants(Jdbi.create(postgres.url()));
      db.assertRoundsClosedOnceFromTheirCanonicalResults(job, done);
      // a reply lost with the stopped coordinator may be sent again to the same host: fine
      db.assertEveryReplicaSentToOneHostAtMostOnce(receipts, false);
      db.assertNoUnitHasTwoReplicasOnOneAccount();
      db.assertCreditPaidOncePerValidReplica();
    } finally {
      b.close();
    }
  }

  private TestServer coordinator(String name) {
    return new TestServer(
        TestServer.config(dir.resolve("coordinator-" + name))
            .database(postgres.url(), null, null)
            .build());
  }

  /** Two agreeing replicas per unit, always: adaptive replication would let trusted hosts alone. */
  private static JobSpec spec(String name, int shards, int rounds) {
    return TestJobs.replicated(name, shards, rounds)
        .withReplication(new JobSpec.Replication(2, 2, 3, 8, null, false));
  }

  /**
   * Engine i talks to coordinator i % 2 first and fails over to the other; it belongs to account i
   * % 3, so every account has hosts on both coordinators.
   */
  private List<EngineConfig> engines(TestServer a, TestServer b) throws IOException {
    List<String> urls = List.of(a.url(), b.url());
    List<String> keys = new ArrayList<>();
    try (CoordinatorClient client = CoordinatorClient.builder(a.url()).build()) {
      for (int i = 0; i < ACCOUNTS; i++) {
        keys.add(client.createAccount("volunteer " + i).accountKey());
      }
    }
    List<EngineConfig> configs = new ArrayList<>();
    for (int i = 0; i < ENGINES; i++) {
      String name = "volunteer" + i;
      configs.add(
          new EngineConfig(urls.get(i % 2), dir.resolve(name), 1, name)
              .withAccountKey(keys.get(i % ACCOUNTS))
              .withFallbackUrls(List.of(urls.get((i + 1) % 2))));
    }
    return configs;
  }

  private static void awaitFinished(TestServer server, List<Long> jobs) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> jobs.stream().allMatch(id -> status(server, id).state() != JobState.RUNNING));
  }

  private static long submit(TestServer server, JobSpec spec, byte[] csv) {
    return LifecycleTest.submit(server, spec, csv).id();
  }

  private static double dispatches(TestServer server) {
    Matcher sample =
        Pattern.compile("(?m)^axon_dispatches_total (\\S+)$")
            .matcher(server.get("/metrics", null).body());
    assertThat(sample.find()).isTrue();
    return Double.parseDouble(sample.group(1));
  }

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }
}
