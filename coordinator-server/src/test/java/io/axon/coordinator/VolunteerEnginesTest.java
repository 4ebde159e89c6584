package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: a coordinator and two volunteer engines, each on its own threads. */
class VolunteerEnginesTest {
  @TempDir Path dir;

  @Test
  void twoVolunteerEnginesTrainASmallJobToTheEnd() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("coordinator"))) {
      JobStatus job = submit(server, TestJobs.replicated("engines", 2, 3));

      try (RunningEngines engines =
          new RunningEngines(List.of(server.url()), dir.resolve("volunteers"), 2)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      JobStatus done = status(server, job.id());
      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.metrics()).hasSize(3);
      assertThat(done.metrics().get(2).accuracy()).isGreaterThan(0.9);
      assertThat(count(server, "work_units WHERE state = 'VALIDATED'")).isEqualTo(2 * 3);
      // both engines ran every unit, and each got credit for each
      assertThat(count(server, "replicas WHERE validate_state = 'VALID'")).isEqualTo(2 * 3 * 2);
      assertThat(count(server, "credit_ledger")).isEqualTo(2 * 3 * 2);
    }
  }

  @Test
  void volunteerEnginesCarryOnWhenTheCoordinatorIsRestartedMidJob() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("coordinator"))) {
      JobStatus job = submit(server, TestJobs.logistic("restarted", 2, 8));

      // the engines wait at round 3 of 8 while the coordinator restarts: mid-job by construction
      RunningEngines.RoundGate gate = new RunningEngines.RoundGate(3);
      try (RunningEngines engines =
          new RunningEngines(List.of(server.url()), dir.resolve("volunteers"), 2, gate)) {
        gate.awaitHeld();
        JobStatus midway = status(server, job.id());
        assertThat(midway.state()).isEqualTo(JobState.RUNNING);
        assertThat(midway.round()).isEqualTo(3);
        server.restart();
        gate.open();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      JobStatus done = status(server, job.id());
      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.metrics())
          .extracting(JobStatus.RoundMetrics::round)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
  }

  private static JobStatus submit(TestServer server, JobSpec spec) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(spec))
                .part("data", "text/csv", TestJobs.separableCsv(1000, 31)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), JobStatus.class);
  }

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  private static long count(TestServer server, String tableAndCondition) {
    return Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM " + tableAndCondition).mapTo(Long.class).one());
  }
}
