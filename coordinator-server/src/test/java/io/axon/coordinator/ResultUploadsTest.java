package io.axon.coordinator;

import static io.axon.coordinator.HostApiTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.common.Sha256;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Model;
import io.axon.core.training.ModelAveraging;
import io.axon.core.training.ModelFormat;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/v1/results is idempotent: an upload repeated after a lost reply counts once. */
class ResultUploadsTest {
  @TempDir Path dataDir;

  private static JobStatus submit(TestServer server, int shards, int rounds, long seed) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(TestJobs.logistic("upload", shards, rounds)))
                .part("data", "text/csv", TestJobs.separableCsv(400, seed)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), JobStatus.class);
  }

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  private static ResultReply accepted(HttpResponse<String> reply) {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    ResultReply result = ProtocolJson.fromJson(reply.body(), ResultReply.class);
    assertThat(result.accepted()).isTrue();
    return result;
  }

  private static String storedResult(TestServer server, long unitId) {
    return Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT result_sha256 FROM work_units WHERE id = :id")
                    .bind("id", unitId)
                    .mapTo(String.class)
                    .one());
  }

  @Test
  void uploadRepeatedAfterALostReplyIsAcceptedOnceAndEachShardIsAveragedOnce() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job = submit(server, 2, 1, 31);
      TestVolunteer first = new TestVolunteer(server, "first");
      TestVolunteer second = new TestVolunteer(server, "second");
      WorkAssignment a = first.requestWork();
      WorkAssignment b = second.requestWork();
      TestVolunteer.Result resultA = first.train(a);
      TestVolunteer.Result resultB = second.train(b);
      long units = server.count("work_units");

      assertThat(accepted(first.upload(resultA.report(), resultA.model())).detail())
          .isEqualTo("accepted");
      // the reply was lost on the way back: the volunteer sends the same result again
      assertThat(accepted(first.upload(resultA.report(), resultA.model())).detail())
          .isEqualTo("already received");
      assertThat(status(server, job.id()).state()).isEqualTo(JobState.RUNNING);
      assertThat(accepted(second.upload(resultB.report(), resultB.model())).detail())
          .isEqualTo("accepted");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(server, job.id()).state() == JobState.DONE);
      // and once more after the round was closed
      assertThat(accepted(first.upload(resultA.report(), resultA.model())).detail())
          .isEqualTo("already received");

      assertThat(server.count("work_units")).isEqualTo(units);
      assertThat(storedResult(server, a.workUnitId())).isEqualTo(resultA.report().modelSha256());
      JobStatus done = status(server, job.id());
      assertThat(done.metrics()).hasSize(1);
      // shards in unit order, each weighted by its rows once: FedAvg of exactly these two models
      List<WorkAssignment> ordered =
          a.workUnitId() < b.workUnitId() ? List.of(a, b) : List.of(b, a);
      List<Model> models = new ArrayList<>();
      long[] weights = new long[2];
      for (int i = 0; i < 2; i++) {
        TestVolunteer.Result result = ordered.get(i) == a ? resultA : resultB;
        models.add(ModelFormat.decode(result.model()));
        weights[i] = ShardFormat.decode(first.blob(ordered.get(i).shardBlob().sha256())).rows();
      }
      byte[] expected = ModelFormat.encode(ModelAveraging.weightedAverage(models, weights));
      assertThat(done.modelSha256()).isEqualTo(Sha256.hex(expected));
    }
  }

  @Test
  void identicalUploadsAtTheSameMomentAreAcceptedOnce() throws Exception {
    try (TestServer server = TestServer.start(dataDir)) {
      JobStatus job = submit(server, 1, 2, 32);
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result result = volunteer.train(work);
      int copies = 8;
      ExecutorService threads = Executors.newFixedThreadPool(copies);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
          replies.add(
              threads.submit(
                  () -> {
                    go.await();
                    return volunteer.upload(result.report(), result.model());
                  }));
        }
        go.countDown();
        List<String> details = new ArrayList<>();
        for (Future<HttpResponse<String>> reply : replies) {
          details.add(accepted(reply.get()).detail());
        }

        assertThat(details).containsOnlyOnce("accepted");
        assertThat(details).filteredOn("already received"::equals).hasSize(copies - 1);
      } finally {
        threads.shutdownNow();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> status(server, job.id()).round() == 2);
      assertThat(status(server, job.id()).metrics()).hasSize(1);
      assertThat(storedResult(server, work.workUnitId())).isEqualTo(result.report().modelSha256());
    }
  }

  @Test
  void aDifferentResultForAUnitDoneAlreadyIsAConflict() {
    try (TestServer server = TestServer.start(dataDir)) {
      submit(server, 2, 1, 33);
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      TestVolunteer other = new TestVolunteer(server, "other");
      WorkAssignment work = volunteer.requestWork();
      TestVolunteer.Result good = volunteer.train(work);
      accepted(volunteer.upload(good.report(), good.model()));

      // a valid model of the right shape, but not the one accepted (parameter 0 at offset 20)
      byte[] changed = good.model().clone();
      ByteBuffer buffer = ByteBuffer.wrap(changed).order(ByteOrder.LITTLE_ENDIAN);
      buffer.putDouble(20, buffer.getDouble(20) + 1);
      ResultReport changedReport =
          new ResultReport(
              work.workUnitId(),
              Sha256.hex(changed),
              good.report().trainLoss(),
              good.report().samples(),
              good.report().flops(),
              good.report().elapsedMillis());

      assertThat(error(volunteer.upload(changedReport, changed), 409).detail())
          .contains(String.valueOf(work.workUnitId()))
          .contains("different result")
          .contains(good.report().modelSha256());
      // the same bytes from another host are not a repeat
      assertThat(error(other.upload(good.report(), good.model()), 409).detail())
          .contains("not sent to host");
      // a repeat whose bytes do not match its report is still a bad request
      assertThat(error(volunteer.upload(good.report(), changed), 400).detail()).contains("SHA-256");
      assertThat(storedResult(server, work.workUnitId())).isEqualTo(good.report().modelSha256());
    }
  }
}
