package io.axon.coordinator;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A volunteer on {@link CoordinatorClient} with the real kernels: asks for work, downloads and
 * verifies the blobs, trains, uploads. {@link #upload} goes around the client so that tests can
 * send what the client would refuse to.
 */
final class TestVolunteer implements AutoCloseable {
  private final TestServer server;
  final CoordinatorClient client;
  final HostRegistered host;

  TestVolunteer(TestServer server, String name) {
    this(server, name, List.of(server.url()));
  }

  /**
   * A volunteer whose client knows the coordinators at {@code urls}; {@link #upload} still goes to
   * {@code server}.
   */
  TestVolunteer(TestServer server, String name, List<String> urls) {
    this.server = server;
    CoordinatorClient anonymous =
        CoordinatorClient.builder(urls).maxAttempts(1).readTimeout(Duration.ofSeconds(60)).build();
    try {
      this.host =
          anonymous.register(new HostRegistration(name, "Linux amd64", 2, 1L << 30, "test-1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.client = anonymous.withToken(host.token());
  }

  WorkAssignment requestWork() {
    return ask(new WorkRequest(2, 1L << 30)).assignment();
  }

  WorkReply ask(WorkRequest request) {
    try {
      return client.requestWork(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] blob(String sha256) {
    try {
      return client.downloadBlob(sha256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** Uploads whatever it is given, without the client's checks. */
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
    try {
      if (!client.reportResult(result.report(), result.model()).accepted()) {
        throw new AssertionError("result not accepted: " + work.workUnitId());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  @Override
  public void close() {
    client.close();
  }

  record Result(ResultReport report, byte[] model) {}
}
