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
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.ModelKind;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundsTest {
  @TempDir Path dataDir;

  private static JobStatus submit(TestServer server, JobSpec spec, byte[] csv) {
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

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  @Test
  void twoVolunteersTrainAJobRoundAfterRoundUntilItIsDone() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job =
          submit(server, TestJobs.replicated("e2e", 2, 3), TestJobs.separableCsv(1000, 11));
      List<TestVolunteer> volunteers =
          List.of(new TestVolunteer(server, "v1"), new TestVolunteer(server, "v2"));

      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (TestVolunteer volunteer : volunteers) {
          done.add(threads.submit(untilDone(server, volunteer, job.id())));
        }
        int units = 0;
        for (Future<Integer> f : done) {
          units += f.get();
        }
        // two shards, three rounds, each unit run by both volunteers
        assertThat(units).isEqualTo(2 * 3 * 2);
      } finally {
        threads.shutdownNow();
      }

      JobStatus finished = status(server, job.id());
      assertThat(finished.state()).isEqualTo(JobState.DONE);
      assertThat(finished.metrics())
          .extracting(JobStatus.RoundMetrics::round)
          .containsExactly(1, 2, 3);
      assertThat(finished.metrics().get(2).accuracy()).isGreaterThan(0.9);
      byte[] model =
          server.getBytes("/api/v1/jobs/" + job.id() + "/model", null, java.util.Map.of()).body();
      assertThat(Sha256.hex(model)).isEqualTo(finished.modelSha256());
      assertThat(finished.modelSha256()).isNotEqualTo(job.modelSha256());
      assertThat(server.get("/api/v1/jobs", null).body()).contains("\"state\":\"DONE\"");
    }
  }

  private static Callable<Integer> untilDone(TestServer server, TestVolunteer volunteer, long id) {
    return () -> {
      AtomicInteger units = new AtomicInteger();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .pollInSameThread()
          .alias("job " + id + " finished")
          .until(
              () -> {
                // units back to back while there are any; between rounds, ask again in a while
                while (volunteer.runOne()) {
                  units.incrementAndGet();
                }
                return status(server, id).state() != JobState.RUNNING;
              });
      return units.get();
    };
  }

  @Test
  void mlpAndSoftmaxJobsLearnThreeClasses() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus mlp =
          submit(
              server,
              TestJobs.of("mlp", ModelKind.MLP, List.of(16), 2, 4),
              TestJobs.threeClassCsv(1500, 21));
      JobStatus softmax =
          submit(
              server,
              TestJobs.of("softmax", ModelKind.SOFTMAX, List.of(), 2, 4),
              TestJobs.threeClassCsv(1500, 22));
      assertThat(mlp.outputs()).isEqualTo(3);
      TestVolunteer volunteer = new TestVolunteer(server, "v");

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                volunteer.runOne();
                return status(server, mlp.id()).state() == JobState.DONE
                    && status(server, softmax.id()).state() == JobState.DONE;
              });

      for (long id : new long[] {mlp.id(), softmax.id()}) {
        List<JobStatus.RoundMetrics> metrics = status(server, id).metrics();
        assertThat(metrics).hasSize(4);
        assertThat(metrics.get(3).accuracy()).isGreaterThan(0.8);
      }
    }
  }

  @Test
  void regressionJobRecordsLossButNoAccuracy() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job =
          submit(
              server,
              TestJobs.of("linear", ModelKind.LINEAR, List.of(), 2, 3),
              TestJobs.linearCsv(800, 23));
      TestVolunteer volunteer = new TestVolunteer(server, "v");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                volunteer.runOne();
                return status(server, job.id()).state() == JobState.DONE;
              });

      List<JobStatus.RoundMetrics> metrics = status(server, job.id()).metrics();
      assertThat(metrics.get(2).loss()).isLessThan(metrics.get(0).loss()).isLessThan(0.05);
      assertThat(metrics.get(2).accuracy()).isNaN();
      assertThat(server.get("/api/v1/jobs/" + job.id(), null).body()).contains("\"accuracy\":null");
    }
  }

  @Test
  void jobStopsEarlyOnceItReachesItsTargetAccuracy() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec base = TestJobs.logistic("target", 1, 50);
      JobSpec spec =
          new JobSpec(
                  base.name(),
                  base.model(),
                  base.hidden(),
                  base.hyperparameters(),
                  base.labelColumn(),
                  1,
                  1,
                  50,
                  0.8,
                  base.holdoutFraction(),
                  base.seed())
              .withReplication(JobSpec.Replication.NONE);
      JobStatus job = submit(server, spec, TestJobs.separableCsv(600, 12));
      TestVolunteer volunteer = new TestVolunteer(server, "v");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                volunteer.runOne();
                return status(server, job.id()).state() == JobState.DONE;
              });

      JobStatus done = status(server, job.id());
      assertThat(done.metrics()).hasSizeLessThan(50);
      assertThat(done.metrics().get(done.metrics().size() - 1).accuracy())
          .isGreaterThanOrEqualTo(0.8);
    }
  }

  @Test
  void coordinatorStoppedMidJobAndRestartedOnTheSameDataFinishesIt() {
    TestServer server = TestServer.start(dataDir);
    try {
      JobStatus job =
          submit(server, TestJobs.logistic("restart", 2, 3), TestJobs.separableCsv(800, 13));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      // round 1 complete, round 2 half done and one unit of it in the volunteer's hands
      assertThat(volunteer.runOne()).isTrue();
      assertThat(volunteer.runOne()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(volunteer.runOne()).isTrue();
      WorkAssignment held = volunteer.requestWork();
      assertThat(held).isNotNull();
      TestVolunteer.Result result = volunteer.train(held);

      server.restart();

      assertThat(status(server, job.id()).round()).isEqualTo(2);
      assertThat(volunteer.upload(result.report(), result.model()).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                volunteer.runOne();
                return status(server, job.id()).state() == JobState.DONE;
              });
      assertThat(status(server, job.id()).metrics()).hasSize(3);
    } finally {
      server.close();
    }
  }

  @Test
  void resultsThatCompleteARoundWhileTheCoordinatorIsDownAreAssimilatedOnStartUp() {
    TestServer server = TestServer.start(dataDir);
    try {
      JobStatus job =
          submit(server, TestJobs.logistic("startup", 1, 2), TestJobs.separableCsv(300, 14));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result result = volunteer.train(work);
      // Simulates a crash between accepting the last result and closing the round.
      server.stop();
      org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
          .useHandle(
              h -> {
                String sha = storeBlob(h, result.model());
                h.createUpdate(
                        "UPDATE replicas SET server_state = 'OVER', outcome = 'SUCCESS',"
                            + " validate_state = 'VALID', result_sha256 = :sha"
                            + " WHERE work_unit_id = :id")
                    .bind("sha", sha)
                    .bind("id", work.workUnitId())
                    .execute();
                h.createUpdate(
                        "UPDATE work_units SET state = 'VALIDATED', result_sha256 = :sha,"
                            + " canonical_replica_id ="
                            + " (SELECT id FROM replicas WHERE work_unit_id = :id) WHERE id = :id")
                    .bind("sha", sha)
                    .bind("id", work.workUnitId())
                    .execute();
              });

      server.restart();

      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(status(server, job.id()).metrics()).hasSize(1);
    } finally {
      server.close();
    }
  }

  private static String storeBlob(org.jdbi.v3.core.Handle h, byte[] bytes) {
    String sha = Sha256.hex(bytes);
    h.createUpdate(
            "INSERT INTO blobs (sha256, size_bytes, created_at)"
                + " VALUES (:sha, :size, CURRENT_TIMESTAMP)")
        .bind("sha", sha)
        .bind("size", (long) bytes.length)
        .execute();
    h.createUpdate("INSERT INTO blob_chunks (sha256, chunk_index, content) VALUES (:sha, 0, :c)")
        .bind("sha", sha)
        .bind("c", bytes)
        .execute();
    return sha;
  }

  @Test
  void concurrentWorkRequestsNeverGetTheSameUnit() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.logistic("many", 40, 1), TestJobs.separableCsv(400, 15));
      List<TestVolunteer> volunteers = new ArrayList<>();
      for (int i = 0; i < 41; i++) {
        volunteers.add(new TestVolunteer(server, "v" + i));
      }
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<WorkAssignment>> replies = new ArrayList<>();
      try {
        for (TestVolunteer volunteer : volunteers) {
          replies.add(threads.submit(volunteer::requestWork));
        }
        List<Long> units = new ArrayList<>();
        int without = 0;
        for (Future<WorkAssignment> reply : replies) {
          WorkAssignment assignment = reply.get();
          if (assignment == null) {
            without++;
          } else {
            units.add(assignment.workUnitId());
          }
        }

        assertThat(units).hasSize(40).doesNotHaveDuplicates();
        assertThat(without).isEqualTo(1);
      } finally {
        threads.shutdownNow();
        volunteers.forEach(TestVolunteer::close);
      }
    }
  }

  @Test
  void hostThatLostTheReplyGetsTheSameUnitAgainWithANewDeadline() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.logistic("lost", 2, 1), TestJobs.separableCsv(100, 18));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      TestVolunteer other = new TestVolunteer(server, "other");

      WorkAssignment first = volunteer.requestWork();
      WorkAssignment again = volunteer.requestWork();

      assertThat(again.workUnitId()).isEqualTo(first.workUnitId());
      assertThat(again.deadlineMillis()).isGreaterThanOrEqualTo(first.deadlineMillis());
      assertThat(other.requestWork().workUnitId()).isNotEqualTo(first.workUnitId());
    }
  }

  @Test
  void concurrentWorkRequestsSendEachReplicaOnceAndNoUnitTwiceToOneVolunteer() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.replicated("pairs", 20, 1), TestJobs.separableCsv(400, 19));
      List<TestVolunteer> volunteers = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        volunteers.add(new TestVolunteer(server, "v" + i));
      }
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        // each volunteer asks twice at once: 42 requests for 40 replicas of 20 units
        List<Future<WorkAssignment>> replies = new ArrayList<>();
        for (TestVolunteer volunteer : volunteers) {
          WorkRequest holdingNothing = new WorkRequest(2, 1L << 30);
          replies.add(threads.submit(() -> volunteer.ask(holdingNothing).assignment()));
        }
        List<WorkAssignment> firsts = new ArrayList<>();
        for (Future<WorkAssignment> reply : replies) {
          firsts.add(reply.get());
        }
        List<Future<WorkAssignment>> seconds = new ArrayList<>();
        for (int i = 0; i < volunteers.size(); i++) {
          TestVolunteer volunteer = volunteers.get(i);
          WorkAssignment first = firsts.get(i);
          List<Long> held = first == null ? List.of() : List.of(first.workUnitId());
          seconds.add(
              threads.submit(
                  () -> volunteer.ask(new WorkRequest(2, 1L << 30, held, 0, 0)).assignment()));
        }
        java.util.Map<Long, Integer> perUnit = new java.util.HashMap<>();
        for (int i = 0; i < volunteers.size(); i++) {
          WorkAssignment first = firsts.get(i);
          WorkAssignment second = seconds.get(i).get();
          if (first != null && second != null) {
            assertThat(second.workUnitId()).isNotEqualTo(first.workUnitId());
          }
          for (WorkAssignment a : java.util.Arrays.asList(first, second)) {
            if (a != null) {
              perUnit.merge(a.workUnitId(), 1, Integer::sum);
            }
          }
        }

        assertThat(perUnit).hasSize(20);
        assertThat(perUnit.values()).containsOnly(2);
      } finally {
        threads.shutdownNow();
        volunteers.forEach(TestVolunteer::close);
      }
    }
  }

  /** The deadline of the tests that let it pass: on a {@link MutableClock}, moved past by hand. */
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  /** A coordinator on {@code clock} whose replicas are due {@link #DEADLINE} after dispatch. */
  private TestServer withDeadline(MutableClock clock) {
    return new TestServer(TestServer.config(dataDir).deadline(DEADLINE).build(), clock);
  }

  @Test
  void unitPastItsDeadlineGoesToAnotherHostAndALateResultIsTakenWhileTheUnitStillNeedsIt() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    try (TestServer server = withDeadline(clock)) {
      JobStatus job =
          submit(server, TestJobs.logistic("late", 1, 1), TestJobs.separableCsv(100, 16));
      TestVolunteer slow = new TestVolunteer(server, "slow");
      TestVolunteer fast = new TestVolunteer(server, "fast");
      WorkAssignment first = slow.requestWork();
      TestVolunteer.Result late = slow.train(first);
      assertThat(fast.requestWork()).as("the unit is out, before its deadline").isNull();

      // the deadline passes: a new replica of the same unit goes to the other host
      clock.advance(DEADLINE.plusSeconds(1));
      WorkAssignment again =
          await().atMost(Duration.ofSeconds(10)).until(fast::requestWork, a -> a != null);
      assertThat(again.workUnitId()).isEqualTo(first.workUnitId());

      // the unit still waits for a result, so the late one counts (BOINC does the same)
      assertThat(slow.upload(late.report(), late.model()).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(server, job.id()).state() == JobState.DONE);
      // the other host's identical result is validated against it
      TestVolunteer.Result onTime = fast.train(again);
      assertThat(fast.upload(onTime.report(), onTime.model()).statusCode()).isEqualTo(200);
      assertThat(validateStates(server, first.workUnitId())).containsExactly("VALID", "VALID");
    }
  }

  @Test
  void aLateResultForAUnitOthersCompletedIsAConflictThatSaysSo() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    try (TestServer server = withDeadline(clock)) {
      submit(server, TestJobs.logistic("later", 1, 1), TestJobs.separableCsv(100, 26));
      TestVolunteer slow = new TestVolunteer(server, "slow");
      TestVolunteer fast = new TestVolunteer(server, "fast");
      WorkAssignment first = slow.requestWork();
      TestVolunteer.Result late = slow.train(first);
      clock.advance(DEADLINE.plusSeconds(1));
      WorkAssignment again =
          await().atMost(Duration.ofSeconds(10)).until(fast::requestWork, a -> a != null);
      TestVolunteer.Result onTime = fast.train(again);
      assertThat(fast.upload(onTime.report(), onTime.model()).statusCode()).isEqualTo(200);

      assertThat(error(slow.upload(late.report(), late.model()), 409).detail())
          .contains(String.valueOf(first.workUnitId()))
          .contains("after the deadline")
          .contains("completed by other volunteers");
    }
  }

  @Test
  void resultsThatDoNotMatchTheirReportOrAreNotOursAreRejectedAndChangeNothing() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.logistic("checks", 1, 1), TestJobs.separableCsv(100, 17));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      TestVolunteer other = new TestVolunteer(server, "other");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result good = volunteer.train(work);

      // bytes that are not what the report names (damaged on the way): the host may send again
      ResultReport wrongHash = withSha(good.report(), "0".repeat(64));
      assertThat(error(volunteer.upload(wrongHash, good.model()), 400).detail())
          .contains("SHA-256");
      // someone else's unit
      assertThat(error(other.upload(good.report(), good.model()), 409).detail())
          .contains("not sent to host");
      // a unit that does not exist
      ResultReport missing = new ResultReport(999_999, good.report().modelSha256(), 0.1, 1, 1, 1);
      assertThat(error(volunteer.upload(missing, good.model()), 404).error())
          .isEqualTo("not_found");

      assertThat(volunteer.upload(good.report(), good.model()).statusCode()).isEqualTo(200);
      // the same result twice: its first reply was lost, so it is accepted again
      // (ResultUploadsTest)
      assertThat(volunteer.upload(good.report(), good.model()).body()).contains("already received");
    }
  }

  @Test
  void anUploadThatIsNoFiniteModelIsAnInvalidResultAndTheUnitGoesToAnotherHost() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.logistic("nan", 1, 1), TestJobs.separableCsv(100, 27));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      TestVolunteer other = new TestVolunteer(server, "other");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result good = volunteer.train(work);
      setConsecutiveValid(server, volunteer.host.hostId(), 12);
      // a model with NaN in it
      // (ModelFormat.encode refuses NaN: patch parameter 0, at offset 20 of a LOGISTIC model)
      byte[] nan = good.model().clone();
      java.nio.ByteBuffer.wrap(nan)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putDouble(20, Double.NaN);

      assertThat(
              error(volunteer.upload(withSha(good.report(), Sha256.hex(nan)), nan), 400).detail())
          .contains("non-finite");

      assertThat(outcomes(server, work.workUnitId())).containsExactly("VALIDATE_ERROR", null);
      assertThat(consecutiveValid(server, volunteer.host.hostId())).isZero();
      // the good result afterwards is refused: this replica is over
      assertThat(error(volunteer.upload(good.report(), good.model()), 409).detail())
          .contains("rejected");
      WorkAssignment reissued = other.requestWork();
      assertThat(reissued.workUnitId()).isEqualTo(work.workUnitId());
    }
  }

  @Test
  void bytesThatAreNoModelAreAnInvalidResultToo() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, TestJobs.logistic("junk", 1, 1), TestJobs.separableCsv(100, 28));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result good = volunteer.train(work);
      byte[] junk = {1, 2, 3};

      assertThat(
              error(volunteer.upload(withSha(good.report(), Sha256.hex(junk)), junk), 400).detail())
          .contains("unreadable");
      assertThat(outcomes(server, work.workUnitId())).containsExactly("VALIDATE_ERROR", null);
    }
  }

  static List<String> outcomes(TestServer server, long unitId) {
    return column(server, "outcome", unitId);
  }

  static List<String> validateStates(TestServer server, long unitId) {
    return column(server, "validate_state", unitId);
  }

  private static List<String> column(TestServer server, String column, long unitId) {
    return org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT " + column + " FROM replicas WHERE work_unit_id = :id ORDER BY id")
                    .bind("id", unitId)
                    .mapTo(String.class)
                    .list());
  }

  static int consecutiveValid(TestServer server, long hostId) {
    return org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT consecutive_valid FROM hosts WHERE id = :id")
                    .bind("id", hostId)
                    .mapTo(Integer.class)
                    .one());
  }

  static void setConsecutiveValid(TestServer server, long hostId, int value) {
    org.jdbi.v3.core.Jdbi.create(server.config.jdbcUrl())
        .useHandle(
            h ->
                h.createUpdate("UPDATE hosts SET consecutive_valid = :v WHERE id = :id")
                    .bind("v", value)
                    .bind("id", hostId)
                    .execute());
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
}
