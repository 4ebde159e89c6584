package io.axon.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.Fixtures;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorClientTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Long> sleeps = new ArrayList<>();
  private CoordinatorClient client;

  @BeforeEach
  void start() throws IOException {
    server.start();
    client = clientBuilder().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private CoordinatorClient.Builder clientBuilder() {
    return CoordinatorClient.builder(server.url("/").toString())
        .maxAttempts(3)
        .baseDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofSeconds(1))
        .sleeper(sleeps::add);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static MockResponse ok(Object message) {
    return json(200, ProtocolJson.toJson(message));
  }

  private static MockResponse bytes(byte[] bytes) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/octet-stream")
        .body(new Buffer().write(bytes))
        .build();
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  @Test
  void sendsBearerTokenOnVolunteerCalls() throws Exception {
    server.enqueue(ok(Fixtures.HEARTBEAT_REPLY));

    assertThat(client.withToken("s3cret").heartbeat(Fixtures.HEARTBEAT))
        .isEqualTo(Fixtures.HEARTBEAT_REPLY);

    RecordedRequest request = take();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/heartbeat");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
  }

  @Test
  void registersWithoutTokenAndPostsTheRegistrationAsJson() throws Exception {
    server.enqueue(json(201, Fixtures.read("host-registered.json")));

    assertThat(client.register(Fixtures.HOST_REGISTRATION)).isEqualTo(Fixtures.HOST_REGISTERED);

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/hosts");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(
            ProtocolJson.fromJson(request.getBody().utf8(), Fixtures.HOST_REGISTRATION.getClass()))
        .isEqualTo(Fixtures.HOST_REGISTRATION);
  }

  @Test
  void requestsWorkAndReadsTheAssignment() throws Exception {
    server.enqueue(json(200, Fixtures.read("work-reply.json")));

    assertThat(client.withToken("t").requestWork(Fixtures.WORK_REQUEST))
        .isEqualTo(Fixtures.WORK_REPLY);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/work");
  }

  @Test
  void readsJobsAndOneJob() throws Exception {
    server.enqueue(json(200, Fixtures.read("jobs.json")));
    server.enqueue(json(200, Fixtures.read("job-status.json")));

    assertThat(client.jobs()).isEqualTo(Fixtures.JOBS);
    assertThat(client.job(2)).isEqualTo(Fixtures.JOB_STATUS);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/jobs");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/jobs/2");
  }

  @Test
  void keepsABasePathOfTheCoordinatorUrl() throws Exception {
    server.enqueue(json(200, Fixtures.read("jobs.json")));
    try (CoordinatorClient behindProxy =
        CoordinatorClient.builder(server.url("/axon/").toString()).build()) {
      behindProxy.jobs();
    }
    assertThat(take().getUrl().encodedPath()).isEqualTo("/axon/api/v1/jobs");
  }

  @Test
  void retriesUploadAfterServerError() throws Exception {
    byte[] model = "model bytes".getBytes(StandardCharsets.UTF_8);
    server.enqueue(json(503, "{\"error\":\"internal\",\"detail\":\"busy\"}"));
    server.enqueue(ok(Fixtures.RESULT_REPLY));

    assertThat(client.withToken("t").reportResult(report(model), model))
        .isEqualTo(Fixtures.RESULT_REPLY);

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(parts(take()).get("model").body).isEqualTo(model);
    assertThat(parts(take()).get("model").body)
        .as("the retry sends the model again")
        .isEqualTo(model);
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.get(0)).isBetween(0L, 99L);
  }

  @Test
  void retriesAfterTheConnectionDrops() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(ok(Fixtures.HEARTBEAT_REPLY));

    assertThat(client.heartbeat(Fixtures.HEARTBEAT)).isEqualTo(Fixtures.HEARTBEAT_REPLY);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void retriesADownloadCutOffHalfway() throws Exception {
    byte[] blob = new byte[100_000];
    blob[99_999] = 1;
    server.enqueue(
        bytes(blob).newBuilder().onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(bytes(blob));

    assertThat(client.downloadBlob(Sha256.hex(blob))).isEqualTo(blob);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void neverRetriesClientErrors() throws Exception {
    server.enqueue(json(401, "{\"error\":\"unauthorized\",\"detail\":\"unknown token\"}"));
    server.enqueue(ok(Fixtures.HEARTBEAT_REPLY));

    assertThatThrownBy(() -> client.withToken("wrong").heartbeat(Fixtures.HEARTBEAT))
        .isInstanceOf(CoordinatorException.class)
        .satisfies(e -> assertThat(((CoordinatorException) e).status()).isEqualTo(401));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void givesUpAfterMaxAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(500, "{\"error\":\"internal\",\"detail\":\"attempt " + i + "\"}"));
    }
    server.enqueue(ok(Fixtures.HEARTBEAT_REPLY));

    assertThatThrownBy(() -> client.heartbeat(Fixtures.HEARTBEAT))
        .isInstanceOf(CoordinatorException.class)
        .hasMessageContaining("500")
        .hasMessageContaining("attempt 2");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isBetween(0L, 199L);
  }

  @Test
  void givesUpOnIoErrorsAfterMaxAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
              .build());
    }

    assertThatThrownBy(() -> client.jobs())
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(CoordinatorException.class);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void parsesErrorBody() {
    server.enqueue(json(409, "{\"error\":\"conflict\",\"detail\":\"work unit 7 is not yours\"}"));

    assertThatThrownBy(() -> client.heartbeat(Fixtures.HEARTBEAT))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.error())
                  .isEqualTo(new ErrorBody("conflict", "work unit 7 is not yours"));
              assertThat(e)
                  .hasMessage(
                      "POST /api/v1/heartbeat failed: 409 conflict: work unit 7 is not yours");
            });
  }

  @Test
  void makesAReadableErrorOfANonJsonBody() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "text/html")
            .body("<html>Not Found</html>")
            .build());

    assertThatThrownBy(() -> client.job(9))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.error().error()).isEqualTo("not_found");
              assertThat(e.error().detail()).contains("Not Found");
            });
  }

  @Test
  void reportsAnInvalidReplyAsIoError() {
    server.enqueue(json(200, "{\"hostId\":\"x\"}"));

    assertThatThrownBy(() -> client.register(Fixtures.HOST_REGISTRATION))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not valid")
        .hasMessageContaining("$.hostId");
  }

  @Test
  void downloadsBlobByHash() throws Exception {
    byte[] blob = {1, 2, 3, 4};
    server.enqueue(bytes(blob));

    assertThat(client.withToken("t").downloadBlob(Sha256.hex(blob))).isEqualTo(blob);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/blobs/" + Sha256.hex(blob));
  }

  @Test
  void rejectsBlobWithWrongHash() {
    server.enqueue(bytes(new byte[] {1, 2, 3, 4}));
    String expected = Sha256.hex(new byte[] {9});

    assertThatThrownBy(() -> client.downloadBlob(expected))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("SHA-256 mismatch")
        .hasMessageContaining(expected);
  }

  @Test
  void checksTheJobModelAgainstItsEtag() throws Exception {
    byte[] model = {5, 6, 7};
    server.enqueue(
        bytes(model).newBuilder().setHeader("ETag", "\"" + Sha256.hex(model) + "\"").build());
    server.enqueue(
        bytes(model).newBuilder().setHeader("ETag", "\"" + Sha256.hex(new byte[0]) + "\"").build());

    assertThat(client.jobModel(1)).isEqualTo(model);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/jobs/1/model");
    assertThatThrownBy(() -> client.jobModel(1)).hasMessageContaining("SHA-256 mismatch");
  }

  @Test
  void uploadsResultAsMultipart() throws Exception {
    byte[] model = "trained weights".getBytes(StandardCharsets.UTF_8);
    server.enqueue(ok(Fixtures.RESULT_REPLY));

    client.withToken("t").reportResult(report(model), model);

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/results");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    Map<String, Part> parts = parts(request);
    assertThat(parts).containsOnlyKeys("report", "model");
    assertThat(parts.get("report").contentType).startsWith("application/json");
    assertThat(
            ProtocolJson.fromJson(
                new String(parts.get("report").body, StandardCharsets.UTF_8), ResultReport.class))
        .isEqualTo(report(model));
    assertThat(parts.get("model").contentType).isEqualTo("application/octet-stream");
    assertThat(parts.get("model").body).isEqualTo(model);
  }

  @Test
  void refusesToUploadAModelThatIsNotTheReportedOne() {
    byte[] model = {1};

    assertThatThrownBy(() -> client.reportResult(report(new byte[] {2}), model))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void submitsJobAsMultipartWithTheCsvFile(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, "x1,x2,label\n1,2,0\n3,4,1\n");
    server.enqueue(json(201, Fixtures.read("job-status.json")));

    assertThat(client.submitJob(Fixtures.JOB_SPEC, csv)).isEqualTo(Fixtures.JOB_STATUS);

    RecordedRequest request = take();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/jobs");
    Map<String, Part> parts = parts(request);
    assertThat(parts).containsOnlyKeys("spec", "data");
    assertThat(parts.get("spec").contentType).startsWith("application/json");
    assertThat(new String(parts.get("spec").body, StandardCharsets.UTF_8))
        .isEqualTo(ProtocolJson.toJson(Fixtures.JOB_SPEC));
    assertThat(parts.get("data").contentType).startsWith("text/csv");
    assertThat(parts.get("data").disposition).contains("filename=\"train.csv\"");
    assertThat(parts.get("data").body).isEqualTo(Files.readAllBytes(csv));
  }

  @Test
  void refusesToSubmitAMissingCsv(@TempDir Path dir) {
    assertThatThrownBy(() -> client.submitJob(Fixtures.JOB_SPEC, dir.resolve("nope.csv")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope.csv");
    assertThat(server.getRequestCount()).isZero();
  }

  private static ResultReport report(byte[] model) {
    return new ResultReport(1017, Sha256.hex(model), 0.25, 100, 4000, 12);
  }

  private record Part(String disposition, String contentType, byte[] body) {}

  private static Map<String, Part> parts(RecordedRequest request) throws IOException {
    String boundary = MediaType.get(request.getHeaders().get("Content-Type")).parameter("boundary");
    Map<String, Part> parts = new LinkedHashMap<>();
    try (MultipartReader reader =
        new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
      for (MultipartReader.Part part; (part = reader.nextPart()) != null; ) {
        String disposition = part.headers().get("Content-Disposition");
        Matcher name = Pattern.compile("(?:^|;\\s*)name=\"([^\"]*)\"").matcher(disposition);
        assertThat(name.find()).as(disposition).isTrue();
        parts.put(
            name.group(1),
            new Part(disposition, part.headers().get("Content-Type"), part.body().readByteArray()));
      }
    }
    return parts;
  }
}
