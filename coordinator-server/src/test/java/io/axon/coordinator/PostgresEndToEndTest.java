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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's whole path on a real PostgreSQL server instead of the embedded H2. */
class PostgresEndToEndTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @TempDir Path dir;

  private TestServer start() {
    return new TestServer(
        TestServer.config(dir.resolve("coordinator")).database(postgres.url(), null, null).build());
  }

  @Test
  void everyMigrationAppliesOnPostgres() {
    try (TestServer server = start()) {
      List<String> applied =
          Jdbi.create(postgres.url())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT version FROM flyway_schema_history WHERE success"
                                  + " AND version IS NOT NULL ORDER BY installed_rank")
                          .mapTo(String.class)
                          .list());
      assertThat(applied).startsWith("1", "2");
      assertThat(server.count("credit_ledger")).isZero();
      assertThat(postgres.version()).startsWith("15");
    }
  }

  @Test
  void registeredHostsAreStoredInPostgres() {
    try (TestServer server = start()) {
      server.register("first");
      server.register("second");

      assertThat(server.count("hosts")).isEqualTo(2);
    }
  }

  @Test
  void volunteerEnginesTrainAJobToTheEndOnPostgres() {
    try (TestServer server = start()) {
      JobStatus job = submit(server, TestJobs.logistic("on-postgres", 2, 3));

      try (RunningEngines engines = new RunningEngines(List.of(server.url()), dir, 2)) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      JobStatus done = status(server, job.id());
      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.metrics()).hasSize(3);
      assertThat(done.metrics().get(2).accuracy()).isGreaterThan(0.9);
      assertThat(server.count("round_metrics")).isEqualTo(3);
      assertThat(server.count("hosts")).isEqualTo(2);
    }
  }

  @Test
  void aJobCarriesOnWhenItsCoordinatorRestartsOnPostgres() throws Exception {
    try (TestServer server = start()) {
      JobStatus job = submit(server, TestJobs.logistic("restarted", 2, 6));

      // the engines wait at round 3 of 6 while the coordinator restarts: mid-job by construction
      RunningEngines.RoundGate gate = new RunningEngines.RoundGate(3);
      try (RunningEngines engines = new RunningEngines(List.of(server.url()), dir, 2, gate)) {
        gate.awaitHeld();
        assertThat(status(server, job.id()).state()).isEqualTo(JobState.RUNNING);
        server.restart();
        gate.open();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      assertThat(status(server, job.id()).metrics())
          .extracting(JobStatus.RoundMetrics::round)
          .containsExactly(1, 2, 3, 4, 5, 6);
    }
  }

  static JobStatus submit(TestServer server, JobSpec spec) {
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

  static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }
}
