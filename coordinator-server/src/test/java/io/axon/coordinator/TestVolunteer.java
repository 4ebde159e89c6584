package io.axon.coordinator;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingListener;
import io.axon.core.training.TrainingResult;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A volunteer speaking the real HTTP protocol with the real kernels: asks for work, downloads and
 * verifies the blobs, trains, uploads. (The volunteer engine replaces it where it is available.)
 */
final class TestVolunteer {
  private final TestServer server;
  final HostRegistered host;

  TestVolunteer(TestServer server, String name) {
    this.server = server;
    this.host = server.register(name);
  }

  WorkAssignment requestWork() {
    HttpResponse<String> reply =
        server.postJson(
            "/api/v1/work", host.token(), ProtocolJson.toJson(new WorkRequest(2, 1L << 30)));
    if (reply.statusCode() != 200) {
      throw new AssertionError("work request failed: " + reply.body());
    }
    return ProtocolJson.fromJson(reply.body(), WorkReply.class).assignment();
  }

  byte[] blob(String sha256) {
    HttpResponse<byte[]> reply = server.getBytes("/api/v1/blobs/" + sha256, host.token(), Map.of());
    if (reply.statusCode() != 200 || !Sha256.hex(reply.body()).equals(sha256)) {
      throw new AssertionError("blob " + sha256 + " failed: " + reply.statusCode());
    }
    return reply.body();
  }

  /** Trains the assignment and returns the model bytes and the report describing them. */
  Result train(WorkAssignment work) {
    Model start = ModelFormat.decode(blob(work.modelBlob().sha256()));
    Dataset shard = ShardFormat.decode(blob(work.shardBlob().sha256()));
    TrainingResult trained =
        Kernel.forSpec(work.model())
            .train(
                start,
                shard,
                work.hyperparameters(),
                work.localEpochs(),
                work.seed(),
                1,
                TrainingListener.NONE);
    byte[] bytes = ModelFormat.encode(trained.model());
    return new Result(
        new ResultReport(
            work.workUnitId(),
            Sha256.hex(bytes),
            trained.meanLoss(),
            trained.samples(),
            trained.flops(),
            1),
        bytes);
  }

  HttpResponse<String> upload(ResultReport report, byte[] model) {
    return server.postMultipart(
        "/api/v1/results",
        host.token(),
        new TestServer.Multipart()
            .json("report", ProtocolJson.toJson(report))
            .part("model", "application/octet-stream", model));
  }

  /** Runs one unit if there is one; true if it did. */
  boolean runOne() {
    WorkAssignment work = requestWork();
    if (work == null) {
      return false;
    }
    Result result = train(work);
    HttpResponse<String> reply = upload(result.report(), result.model());
    if (reply.statusCode() != 200) {
      throw new AssertionError("upload failed: " + reply.body());
    }
    return true;
  }

  record Result(ResultReport report, byte[] model) {}
}
