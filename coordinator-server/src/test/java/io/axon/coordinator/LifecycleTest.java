package io.axon.coordinator;

import static io.axon.coordinator.HostApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.RobustAggregation;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work-unit lifecycle end to end: real coordinator, real kernels, real HTTP. */
class LifecycleTest {
  @TempDir Path dataDir;

  @Test
  void aDishonestVolunteerIsOutvotedGetsNoCreditAndItsUnitIsReissued() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job =
          submit(server, TestJobs.replicated("honesty", 1, 1), TestJobs.separableCsv(300, 51));
      TestVolunteer honest = new TestVolunteer(server, "honest");
      TestVolunteer cheat = new TestVolunteer(server, "cheat");
      TestVolunteer third = new TestVolunteer(server, "third");
      WorkAssignment mine = honest.requestWork();
      WorkAssignment theirs = cheat.requestWork();
      assertThat(theirs.workUnitId()).isEqualTo(mine.workUnitId());
      assertThat(third.requestWork()).as("both replicas are out").isNull();

      TestVolunteer.Result good = honest.train(mine);
      TestVolunteer.Result forged = forge(cheat.train(theirs));
      assertThat(honest.upload(good.report(), good.model()).statusCode()).isEqualTo(200);
      // a finite model of the right shape: only the comparison can tell it is wrong
      assertThat(cheat.upload(forged.report(), forged.model()).statusCode()).isEqualTo(200);
      assertThat(byHost(server, "validate_state", mine.workUnitId()))
          .containsEntry(honest.host.hostId(), "INCONCLUSIVE")
          .containsEntry(cheat.host.hostId(), "INCONCLUSIVE")
          .containsEntry(NO_HOST, "INIT");

      // one more replica settles it; the cheat may not run the unit a second time
      assertThat(cheat.requestWork()).isNull();
      WorkAssignment reissued = third.requestWork();
      assertThat(reissued.workUnitId()).isEqualTo(mine.workUnitId());
      TestVolunteer.Result tie = third.train(reissued);
      assertThat(third.upload(tie.report(), tie.model()).statusCode()).isEqualTo(200);

      assertThat(byHost(server, "validate_state", mine.workUnitId()))
          .containsOnly(
              java.util.Map.entry(honest.host.hostId(), "VALID"),
              java.util.Map.entry(cheat.host.hostId(), "INVALID"),
              java.util.Map.entry(third.host.hostId(), "VALID"));
      assertThat(creditedHosts(server))
          .containsExactlyInAnyOrder(honest.host.hostId(), third.host.hostId());
      assertThat(consecutiveValid(server, cheat.host.hostId())).isZero();
      assertThat(consecutiveValid(server, honest.host.hostId())).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(server, job.id()).state() == JobState.DONE);
      // the round's model is the honest one (one shard: FedAvg of one model is that model)
      assertThat(status(server, job.id()).modelSha256()).isEqualTo(good.report().modelSha256());
    }
  }

  @Test
  void aVanishedVolunteersReplicaIsReissuedAtItsDeadlineAndTheJobCompletes() {
    // No safety sweep within the test: only the deadline itself can wake the transitioner. The
    // clock stands still until the test moves it past the deadline, so the replica that stays
    // is on time however long its training takes here.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    try (TestServer server =
        new TestServer(
            TestServer.config(dataDir).transitionerPeriod(Duration.ofHours(1)).build(), clock)) {
      JobSpec spec =
          TestJobs.replicated("vanished", 1, 1)
              .withReplication(new JobSpec.Replication(2, 2, 3, 8, 1L, false));
      JobStatus job = submit(server, spec, TestJobs.separableCsv(300, 52));
      TestVolunteer stays = new TestVolunteer(server, "stays");
      TestVolunteer vanishes = new TestVolunteer(server, "vanishes");
      TestVolunteer arrives = new TestVolunteer(server, "arrives");
      WorkAssignment kept = stays.requestWork();
      vanishes.requestWork();
      TestVolunteer.Result result = stays.train(kept);
      assertThat(stays.upload(result.report(), result.model()).statusCode()).isEqualTo(200);
      assertThat(arrives.requestWork()).as("both replicas are out until the deadline").isNull();

      // the job's delay bound is 1 s: move the clock 2 s on, far short of the 1 h sweep
      clock.advance(Duration.ofSeconds(2));
      long asked = System.nanoTime();
      WorkAssignment reissued =
          await()
              .atMost(Duration.ofSeconds(15))
              .pollInterval(Duration.ofMillis(100))
              .until(arrives::requestWork, a -> a != null);
      // The bound is the feature: the transitioner woke for the deadline, not for its sweep. It
      // sleeps the 1 s it computed from the clock, then finds the deadline passed: expected about
      // 1 s, bound 10 s (ample for a pass on a loaded 2-core machine), the sweep 1 h away.
      assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(10));
      assertThat(reissued.workUnitId()).isEqualTo(kept.workUnitId());
      TestVolunteer.Result second = arrives.train(reissued);
      assertThat(arrives.upload(second.report(), second.model()).statusCode()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> status(server, job.id()).state() == JobState.DONE);
      assertThat(byHost(server, "outcome", kept.workUnitId()))
          .containsOnly(
              java.util.Map.entry(stays.host.hostId(), "SUCCESS"),
              java.util.Map.entry(vanishes.host.hostId(), "NO_REPLY"),
              java.util.Map.entry(arrives.host.hostId(), "SUCCESS"));
      assertThat(creditedHosts(server))
          .containsExactlyInAnyOrder(stays.host.hostId(), arrives.host.hostId());
    }
  }

  @Test
  void aUnitWithTooManyFailedReplicasFailsItsJobWithAReasonTheOwnerCanRead() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec =
          TestJobs.logistic("doomed", 1, 2)
              .withReplication(new JobSpec.Replication(1, 1, 1, 8, null, false));
      JobStatus job = submit(server, spec, TestJobs.separableCsv(300, 53));
      for (String name : List.of("first", "second")) {
        TestVolunteer volunteer = new TestVolunteer(server, name);
        WorkAssignment work = volunteer.requestWork();
        assertThat(work).as(name).isNotNull();
        TestVolunteer.Result broken = nonFinite(volunteer.train(work));
        assertThat(error(volunteer.upload(broken.report(), broken.model()), 400).detail())
            .contains("non-finite");
      }

      JobStatus failed =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> status(server, job.id()), s -> s.state() == JobState.FAILED);
      assertThat(failed.failureReason())
          .contains("round 1 cannot close")
          .contains("2 of its replicas failed (at most 1 may)")
          .contains("non-finite");
      assertThat(server.get("/api/v1/jobs/" + job.id(), null).body())
          .contains("\"failureReason\":\"round 1 cannot close");
      assertThat(new TestVolunteer(server, "late").requestWork()).isNull();
    }
  }

  @Test
  void aRoundClosesWithItsFractionOfShardsAndDroppedStragglersLeaveLaterRounds() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec =
          TestJobs.logistic("stragglers", 4, 2)
              .withRoundClosing(
                  new JobSpec.RoundClosing(0.75, JobSpec.RoundClosing.Stragglers.DROP));
      JobStatus job = submit(server, spec, TestJobs.separableCsv(400, 54));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      TestVolunteer straggler = new TestVolunteer(server, "straggler");
      WorkAssignment held = straggler.requestWork();
      for (int i = 0; i < 3; i++) {
        assertThat(volunteer.runOne()).isTrue();
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(unitsOfRound(server, job.id(), 2)).isEqualTo(3);
      TestVolunteer.Result late = straggler.train(held);
      assertThat(error(straggler.upload(late.report(), late.model()), 409).detail())
          .contains("round closed without it");
      for (int i = 0; i < 3; i++) {
        assertThat(volunteer.runOne()).isTrue();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(server, job.id()).state() == JobState.DONE);
    }
  }

  @Test
  void stragglersReissuedTrainAgainInTheNextRound() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec =
          TestJobs.logistic("reissue", 4, 2)
              .withRoundClosing(
                  new JobSpec.RoundClosing(0.5, JobSpec.RoundClosing.Stragglers.REISSUE));
      JobStatus job = submit(server, spec, TestJobs.separableCsv(400, 55));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      assertThat(volunteer.runOne()).isTrue();
      assertThat(volunteer.runOne()).isTrue();

      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(unitsOfRound(server, job.id(), 2)).isEqualTo(4);
      assertThat(unitStates(server, job.id(), 1)).containsOnly("VALIDATED", "DROPPED");
    }
  }

  @Test
  void placementKeepsUnitsFromHostsThatLackCoresMemoryRoundTripOrTheKernel() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec =
          TestJobs.logistic("placed", 1, 1).withPlacement(new JobSpec.Placement(4, 2L << 30, 100L));
      submit(server, spec, TestJobs.separableCsv(200, 56));
      TestVolunteer host = new TestVolunteer(server, "small");
      long id = host.host.hostId();

      // registered with 2 cores, 1 GiB and no round-trip time yet
      assertThat(host.requestWork()).isNull();
      setHost(server, id, "cores = 8, memory_bytes = " + (4L << 30) + ", rtt_millis = 500");
      assertThat(host.requestWork()).as("too far away").isNull();
      setHost(server, id, "rtt_millis = 40, kernels = 'LINEAR,MLP'");
      assertThat(host.requestWork()).as("no logistic kernel").isNull();
      setHost(server, id, "kernels = 'LINEAR,LOGISTIC'");
      assertThat(host.requestWork()).isNotNull();
    }
  }

  @Test
  void twoHostsOfOneVolunteerAccountNeverGetTwoReplicasOfTheSameUnit() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.replicated("account", 1, 1), TestJobs.separableCsv(200, 57));
      TestVolunteer laptop = new TestVolunteer(server, "laptop");
      TestVolunteer desktop = new TestVolunteer(server, "desktop");
      TestVolunteer friend = new TestVolunteer(server, "friend");
      long account = createAccount(server, "alice");
      setHost(server, laptop.host.hostId(), "account_id = " + account);
      setHost(server, desktop.host.hostId(), "account_id = " + account);

      WorkAssignment first = laptop.requestWork();
      assertThat(first).isNotNull();
      assertThat(desktop.requestWork()).isNull();
      assertThat(friend.requestWork().workUnitId()).isEqualTo(first.workUnitId());
    }
  }

  @Test
  void aHostWithALongRunOfValidResultsRunsUnitsAloneAndAnInvalidOneEndsTheRun() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job =
          submit(server, TestJobs.replicated("adaptive", 1, 2), TestJobs.separableCsv(200, 58));
      TestVolunteer trusted = new TestVolunteer(server, "trusted");
      TestVolunteer other = new TestVolunteer(server, "other");
      // unreplicated with probability 1 - 1/n: certain for all practical purposes at this n
      setHost(server, trusted.host.hostId(), "consecutive_valid = 2000000000");

      assertThat(trusted.runOne()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(byHost(server, "outcome", firstUnit(server, job.id())))
          .as("the unit's second replica was not needed")
          .containsOnly(
              java.util.Map.entry(trusted.host.hostId(), "SUCCESS"),
              java.util.Map.entry(NO_HOST, "DIDNT_NEED"));
      assertThat(creditedHosts(server)).containsExactly(trusted.host.hostId());

      WorkAssignment next = trusted.requestWork();
      TestVolunteer.Result broken = nonFinite(trusted.train(next));
      assertThat(trusted.upload(broken.report(), broken.model()).statusCode()).isEqualTo(400);
      assertThat(consecutiveValid(server, trusted.host.hostId())).isZero();
      assertThat(other.requestWork().workUnitId()).isEqualTo(next.workUnitId());
    }
  }

  @Test
  void aJobWithMedianAggregationMergesItsRoundByTheCoordinateWiseMedian() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec =
          TestJobs.logistic("median", 3, 1)
              .withAggregation(new JobSpec.Aggregation(JobSpec.Aggregation.Method.MEDIAN, 0.1));
      JobStatus job = submit(server, spec, TestJobs.separableCsv(300, 59));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      List<Model> models = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        WorkAssignment work = volunteer.requestWork();
        TestVolunteer.Result result = volunteer.train(work);
        models.add(ModelFormat.decode(result.model()));
        assertThat(volunteer.upload(result.report(), result.model()).statusCode()).isEqualTo(200);
      }

      JobStatus done =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> status(server, job.id()), s -> s.state() == JobState.DONE);
      byte[] median = ModelFormat.encode(RobustAggregation.median(models));
      assertThat(done.modelSha256()).isEqualTo(Sha256.hex(median));
    }
  }

  /** The honest result with parameter 0 nudged: still finite, of the right shape, but wrong. */
  static TestVolunteer.Result forge(TestVolunteer.Result honest) {
    byte[] bytes = honest.model().clone();
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putDouble(20, buffer.getDouble(20) + 0.5);
    return new TestVolunteer.Result(withSha(honest.report(), Sha256.hex(bytes)), bytes);
  }

  static TestVolunteer.Result nonFinite(TestVolunteer.Result honest) {
    byte[] bytes = honest.model().clone();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putDouble(20, Double.NaN);
    return new TestVolunteer.Result(withSha(honest.report(), Sha256.hex(bytes)), bytes);
  }

  private static ResultReport withSha(ResultReport report, String sha) {
    return new ResultReport(
        report.workUnitId(),
        sha,
        report.trainLoss(),
        report.samples(),
        report.flops(),
        report.elapsedMillis());
  }

  static JobStatus submit(TestServer server, JobSpec spec, byte[] csv) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(spec))
                .part("data", "text/csv", csv));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), JobStatus.class);
  }

  static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  private static Jdbi db(TestServer server) {
    return Jdbi.create(server.config.jdbcUrl());
  }

  private static final long NO_HOST = -1;

  /** A replica column of a unit by host id ({@link #NO_HOST} for one never sent). */
  static java.util.Map<Long, String> byHost(TestServer server, String column, long unitId) {
    java.util.Map<Long, String> values = new java.util.HashMap<>();
    db(server)
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT COALESCE(host_id, -1) AS host, "
                            + column
                            + " AS v FROM replicas WHERE work_unit_id = :id")
                    .bind("id", unitId)
                    .map((rs, ctx) -> java.util.Map.entry(rs.getLong("host"), rs.getString("v")))
                    .forEach(e -> values.put(e.getKey(), e.getValue())));
    return values;
  }

  static int consecutiveValid(TestServer server, long hostId) {
    return RoundsTest.consecutiveValid(server, hostId);
  }

  static List<Long> creditedHosts(TestServer server) {
    return db(server)
        .withHandle(
            h -> h.createQuery("SELECT host_id FROM credit_ledger").mapTo(Long.class).list());
  }

  static void setHost(TestServer server, long hostId, String assignments) {
    db(server)
        .useHandle(
            h ->
                h.createUpdate("UPDATE hosts SET " + assignments + " WHERE id = :id")
                    .bind("id", hostId)
                    .execute());
  }

  static long createAccount(TestServer server, String name) {
    return db(server)
        .withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO accounts (name, key_sha256, created_at)"
                            + " VALUES (:name, :key, CURRENT_TIMESTAMP)")
                    .bind("name", name)
                    .bind("key", Sha256.hex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
  }

  private static long unitsOfRound(TestServer server, long jobId, int round) {
    return unitStates(server, jobId, round).size();
  }

  private static List<String> unitStates(TestServer server, long jobId, int round) {
    return db(server)
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT state FROM work_units WHERE job_id = :job AND round = :round"
                            + " ORDER BY shard_index")
                    .bind("job", jobId)
                    .bind("round", round)
                    .mapTo(String.class)
                    .list());
  }

  private static long firstUnit(TestServer server, long jobId) {
    return db(server)
        .withHandle(
            h ->
                h.createQuery("SELECT MIN(id) FROM work_units WHERE job_id = :job")
                    .bind("job", jobId)
                    .mapTo(Long.class)
                    .one());
  }
}
