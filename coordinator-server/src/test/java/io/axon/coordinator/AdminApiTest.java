package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.admin.Owner;
import io.axon.coordinator.admin.OwnerService;
import io.axon.coordinator.db.Database;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON job API closed to all but project owners (open-job-api=false, the default). */
class AdminApiTest {
  @TempDir Path dir;
  TestServer server;
  String token;

  @BeforeEach
  void start() {
    server = new TestServer(TestServer.config(dir).openJobApi(false).build());
    try (Database database = new Database(server.config)) {
      OwnerService owners = new OwnerService(database, Clock.systemUTC());
      Owner carol = owners.create("carol", "correct horse battery", false);
      token = owners.newApiToken(carol);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static TestServer.Multipart job(String name) {
    return new TestServer.Multipart()
        .json("spec", ProtocolJson.toJson(TestJobs.logistic(name, 2, 20)))
        .part("data", "text/csv", TestJobs.separableCsv(100, 3));
  }

  @Test
  void refusesAJobWithoutAnOwnersTokenAndStoresNothing() {
    HttpResponse<String> reply = server.postMultipart("/api/v1/jobs", null, job("anonymous"));

    assertThat(reply.statusCode()).isEqualTo(401);
    assertThat(ProtocolJson.fromJson(reply.body(), ErrorBody.class).detail())
        .contains("project owner's API token");
    assertThat(server.postMultipart("/api/v1/jobs", "made-up", job("x")).statusCode())
        .isEqualTo(401);
    assertThat(server.count("jobs")).isZero();
  }

  @Test
  void takesAJobWithAnOwnersTokenAndCancelsItOnce() {
    HttpResponse<String> created = server.postMultipart("/api/v1/jobs", token, job("owned"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = ProtocolJson.fromJson(created.body(), JobStatus.class).id();

    assertThat(server.postJson("/api/v1/jobs/" + id + "/cancel", null, "").statusCode())
        .isEqualTo(401);
    assertThat(server.postJson("/api/v1/jobs/" + id + "/cancel", token, "").statusCode())
        .isEqualTo(204);
    JobStatus job =
        ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
    assertThat(job.state()).isEqualTo(JobStatus.JobState.FAILED);
    assertThat(job.failureReason()).isEqualTo("cancelled by carol");

    HttpResponse<String> again = server.postJson("/api/v1/jobs/" + id + "/cancel", token, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(ProtocolJson.fromJson(again.body(), ErrorBody.class).detail())
        .contains("is FAILED already");
  }
}
