package io.axon.coordinator;

import static io.axon.coordinator.HostApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.common.Sha256;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobApiTest {
  @TempDir static Path dataDir;
  static TestServer server;
  static String token;
  static String modelSha;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir);
    token = server.register("blobs").token();
    HttpResponse<String> job =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(TestJobs.logistic("blobs", 1, 1)))
                .part("data", "text/csv", TestJobs.separableCsv(50, 9)));
    modelSha = ProtocolJson.fromJson(job.body(), JobStatus.class).modelSha256();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void blobIsServedWithItsHashAsETagAndCachedForever() {
    HttpResponse<byte[]> reply = server.getBytes("/api/v1/blobs/" + modelSha, token, Map.of());

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(Sha256.hex(reply.body())).isEqualTo(modelSha);
    assertThat(reply.headers().firstValue("ETag")).hasValue("\"" + modelSha + "\"");
    assertThat(reply.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(value -> assertThat(value).contains("immutable"));
  }

  @Test
  void matchingIfNoneMatchGetsNotModified() {
    HttpResponse<byte[]> reply =
        server.getBytes(
            "/api/v1/blobs/" + modelSha, token, Map.of("If-None-Match", "\"" + modelSha + "\""));

    assertThat(reply.statusCode()).isEqualTo(304);
    assertThat(reply.body()).isEmpty();
  }

  @Test
  void unknownBlobIsNotFound() {
    assertThat(error(server.get("/api/v1/blobs/" + "a".repeat(64), token), 404).detail())
        .contains("a".repeat(64));
  }

  @Test
  void blobNameThatIsNotAHashIsABadRequest() {
    assertThat(error(server.get("/api/v1/blobs/model.bin", token), 400).detail())
        .contains("SHA-256");
  }
}
