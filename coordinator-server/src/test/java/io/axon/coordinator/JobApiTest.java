package io.axon.coordinator;

import static io.axon.coordinator.HostApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.training.ModelFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobApiTest {
  private static final List<String> TABLES =
      List.of("jobs", "shards", "work_units", "replicas", "blobs", "blob_chunks", "round_metrics");

  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(TestServer.config(dataDir).maxJobBytes(200_000).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> submit(JobSpec spec, byte[] csv) {
    return submit(ProtocolJson.toJson(spec), csv);
  }

  static HttpResponse<String> submit(String specJson, byte[] csv) {
    return server.postMultipart(
        "/api/v1/jobs",
        null,
        new TestServer.Multipart().json("spec", specJson).part("data", "text/csv", csv));
  }

  @Test
  void submittedJobIsShardedIntoRoundOneWorkUnits() {
    HttpResponse<String> reply =
        submit(TestJobs.logistic("shards", 3, 2), TestJobs.separableCsv(500, 1));

    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    JobStatus job = ProtocolJson.fromJson(reply.body(), JobStatus.class);
    assertThat(job.state()).isEqualTo(JobStatus.JobState.RUNNING);
    assertThat(job.round()).isEqualTo(1);
    assertThat(job.inputs()).isEqualTo(2);
    assertThat(job.outputs()).isEqualTo(1);
    assertThat(job.trainRows() + job.holdoutRows()).isEqualTo(500);
    assertThat(job.holdoutRows()).isEqualTo(100);

    JobStatus fetched =
        ProtocolJson.fromJson(server.get("/api/v1/jobs/" + job.id(), null).body(), JobStatus.class);
    assertThat(fetched).isEqualTo(job);
    assertThat(server.get("/api/v1/jobs", null).body()).contains("\"name\":\"shards\"");
  }

  @Test
  void coordinatorClientSubmitsAJobFromAFileAndListsIt(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("train.csv");
    java.nio.file.Files.write(csv, TestJobs.separableCsv(300, 5));
    try (CoordinatorClient client = CoordinatorClient.builder(server.url()).build()) {
      JobStatus job = client.submitJob(TestJobs.logistic("client", 2, 1), csv);

      assertThat(client.job(job.id())).isEqualTo(job);
      assertThat(client.jobs()).extracting(JobStatus::name).contains("client");
      assertThat(Sha256.hex(client.jobModel(job.id()))).isEqualTo(job.modelSha256());
    }
  }

  @Test
  void currentModelIsDownloadableWithItsHashAsETag() {
    JobStatus job =
        ProtocolJson.fromJson(
            submit(TestJobs.logistic("model", 2, 1), TestJobs.separableCsv(100, 2)).body(),
            JobStatus.class);

    HttpResponse<byte[]> model =
        server.getBytes("/api/v1/jobs/" + job.id() + "/model", null, Map.of());

    assertThat(model.statusCode()).isEqualTo(200);
    assertThat(Sha256.hex(model.body())).isEqualTo(job.modelSha256());
    assertThat(model.headers().firstValue("ETag")).hasValue("\"" + job.modelSha256() + "\"");
    assertThat(ModelFormat.decode(model.body()).spec().inputs()).isEqualTo(2);
  }

  @Test
  void nonNumericCsvValueIsABadRequestNamingRowAndColumnAndLeavesNothingBehind() {
    Map<String, Long> before = counts();
    byte[] csv = "x1,x2,label\n1,2,0\n3,oops,1\n".getBytes(StandardCharsets.UTF_8);

    ErrorBody error = error(submit(TestJobs.logistic("badcsv", 1, 1), csv), 400);

    assertThat(error.error()).isEqualTo("bad_request");
    assertThat(error.detail()).contains("CSV").contains("2").contains("x2");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void missingLabelColumnIsABadRequest() {
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

    assertThat(error(submit(TestJobs.logistic("nolabel", 1, 1), csv), 400).detail())
        .contains("label");
  }

  @Test
  void labelsThatDoNotFitTheModelAreABadRequestAndLeaveNothingBehind() {
    Map<String, Long> before = counts();
    byte[] csv = "x1,x2,label\n1,2,0\n3,4,7\n5,6,1\n".getBytes(StandardCharsets.UTF_8);

    ErrorBody error = error(submit(TestJobs.logistic("labels", 1, 1), csv), 400);

    assertThat(error.detail()).contains("label");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void invalidSpecIsABadRequestThatNamesTheRule() {
    String spec =
        ProtocolJson.toJson(TestJobs.logistic("spec", 1, 1))
            .replace("\"shards\":1", "\"shards\":0");

    ErrorBody error = error(submit(spec, TestJobs.separableCsv(10, 3)), 400);

    assertThat(error.detail()).contains("JobSpec").contains("shards");
  }

  @Test
  void moreShardsThanTrainingRowsIsABadRequest() {
    ErrorBody error =
        error(submit(TestJobs.logistic("toomany", 50, 1), TestJobs.separableCsv(20, 3)), 400);

    assertThat(error.detail()).contains("shards");
  }

  @Test
  void jobWithoutDataPartIsABadRequest() {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(TestJobs.logistic("nodata", 1, 1))));

    assertThat(error(reply, 400).detail()).contains("'data'");
  }

  @Test
  void jobThatIsNotMultipartIsABadRequest() {
    assertThat(error(server.postJson("/api/v1/jobs", null, "{}"), 400).detail())
        .contains("multipart/form-data");
  }

  @Test
  void oversizedUploadIsABadRequestNamingTheLimit() {
    ErrorBody error =
        error(submit(TestJobs.logistic("huge", 1, 1), TestJobs.separableCsv(20_000, 4)), 400);

    assertThat(error.error()).isEqualTo("body_too_large");
    assertThat(error.detail()).contains("200000 bytes");
  }

  @Test
  void oversizedChunkedUploadWithoutContentLengthIsABadRequestNamingTheLimit() {
    TestServer.Multipart body =
        new TestServer.Multipart()
            .json("spec", ProtocolJson.toJson(TestJobs.logistic("chunked", 1, 1)))
            .part("data", "text/csv", TestJobs.separableCsv(20_000, 4));
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/v1/jobs"))
            .header("Content-Type", body.contentType())
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body.bytes())))
            .build();
    HttpResponse<String> reply;
    try {
      reply = server.http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    ErrorBody error = error(reply, 400);
    assertThat(error.error()).isEqualTo("body_too_large");
    assertThat(error.detail()).contains("200000 bytes");
  }

  @Test
  void unknownJobIsNotFound() {
    assertThat(error(server.get("/api/v1/jobs/987654", null), 404).error()).isEqualTo("not_found");
    assertThat(error(server.get("/api/v1/jobs/abc", null), 400).detail()).contains("abc");
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String table : TABLES) {
      counts.put(table, server.count(table));
    }
    return counts;
  }
}
