package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.WorkAssignment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real coordinators on one database (H2, then a real PostgreSQL), and a volunteer that knows
 * both (PROTOCOL.md).
 */
class SeveralCoordinatorsTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @TempDir Path firstDir;
  @TempDir Path secondDir;

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  @Test
  void volunteerWhoseReplyWasLostResendsToTheOtherCoordinatorAndTheJobFinishesThere()
      throws Exception {
    // In one JVM both coordinators can open the same H2 file database: a quick stand-in for the
    // shared PostgreSQL that several coordinators need in production (tested below).
    TestServer first = TestServer.start(firstDir);
    try (TestServer second =
        new TestServer(
            TestServer.config(secondDir).database(first.config.jdbcUrl(), null, null).build())) {
      lostReplyIsResentToTheOtherCoordinator(first, second);
    } finally {
      first.close();
    }
  }

  @Test
  void onPostgresAVolunteerWhoseReplyWasLostResendsToTheOtherCoordinator() throws Exception {
    TestServer first =
        new TestServer(TestServer.config(firstDir).database(postgres.url(), null, null).build());
    try (TestServer second =
        new TestServer(TestServer.config(secondDir).database(postgres.url(), null, null).build())) {
      lostReplyIsResentToTheOtherCoordinator(first, second);
    } finally {
      first.close();
    }
  }

  private static void lostReplyIsResentToTheOtherCoordinator(TestServer first, TestServer second)
      throws Exception {
    HttpResponse<String> submitted =
        first.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(TestJobs.logistic("peers", 2, 2)))
                .part("data", "text/csv", TestJobs.separableCsv(400, 41)));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    long job = ProtocolJson.fromJson(submitted.body(), JobStatus.class).id();
    try (TestVolunteer volunteer =
        new TestVolunteer(first, "v", List.of(first.url(), second.url()))) {
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result result = volunteer.train(work);
      // the first coordinator takes the upload, then goes down before the volunteer hears back
      assertThat(volunteer.upload(result.report(), result.model()).statusCode()).isEqualTo(200);
      first.stop();

      ResultReply again = volunteer.client.reportResult(result.report(), result.model());

      assertThat(again.accepted()).isTrue();
      assertThat(again.detail()).isEqualTo("already received");
      assertThat(volunteer.client.currentBaseUrl()).startsWith(second.url());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                volunteer.runOne();
                return status(second, job).state() == JobState.DONE;
              });
      assertThat(status(second, job).metrics()).hasSize(2);
      assertThat(second.count("round_metrics")).isEqualTo(2);
    }
  }
}
