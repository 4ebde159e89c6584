package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkReply;
import io.axon.core.protocol.WorkRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A volunteer with a buffer of queued units, against a real coordinator. */
class WorkFetchTest {
  private static final Duration DEADLINE = Duration.ofHours(1);

  @TempDir Path dataDir;

  private static void submit(TestServer server, JobSpec spec, byte[] csv) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(spec))
                .part("data", "text/csv", csv));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
  }

  private TestServer start() {
    return new TestServer(TestServer.config(dataDir).deadline(DEADLINE).build());
  }

  private static WorkRequest holding(List<Long> held, long flopsPerSecond, double queuedSeconds) {
    return new WorkRequest(2, 1L << 30, held, flopsPerSecond, queuedSeconds);
  }

  @Test
  void unitsTheHostSaysItHoldsAreNotResentItGetsAnotherOne() {
    try (TestServer server = start()) {
      submit(server, TestJobs.logistic("buffer", 3, 1), TestJobs.separableCsv(120, 5));
      TestVolunteer volunteer = new TestVolunteer(server, "v");

      WorkAssignment first = volunteer.requestWork();
      WorkAssignment second =
          volunteer.ask(holding(List.of(first.workUnitId()), 0, 0)).assignment();
      WorkAssignment third =
          volunteer
              .ask(holding(List.of(first.workUnitId(), second.workUnitId()), 0, 0))
              .assignment();

      assertThat(second).isNotNull();
      assertThat(third).isNotNull();
      assertThat(List.of(first.workUnitId(), second.workUnitId(), third.workUnitId()))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void aUnitInProgressOnTheHostThatItDoesNotListIsALostReplyAndIsSentAgain() {
    try (TestServer server = start()) {
      submit(server, TestJobs.logistic("lost", 3, 1), TestJobs.separableCsv(120, 6));
      TestVolunteer volunteer = new TestVolunteer(server, "v");
      WorkAssignment first = volunteer.requestWork();
      WorkAssignment lost = volunteer.ask(holding(List.of(first.workUnitId()), 0, 0)).assignment();

      // the reply carrying `lost` never arrived: the host still lists only the first unit
      WorkAssignment again = volunteer.ask(holding(List.of(first.workUnitId()), 0, 0)).assignment();

      assertThat(again.workUnitId()).isEqualTo(lost.workUnitId());
      assertThat(again.deadlineMillis()).isGreaterThanOrEqualTo(lost.deadlineMillis());
    }
  }

  @Test
  void aHostTooSlowToFinishBeforeTheDeadlineGetsNoUnitAndIsToldWhenToAskAgain() {
    try (TestServer server = start()) {
      submit(server, TestJobs.logistic("slow", 1, 1), TestJobs.separableCsv(100, 7));
      TestVolunteer slow = new TestVolunteer(server, "slow");
      TestVolunteer other = new TestVolunteer(server, "other");

      // one flop per second with almost a deadline's worth of work already queued
      WorkReply reply = slow.ask(holding(List.of(), 1, DEADLINE.toSeconds() - 1));

      assertThat(reply.assignment()).isNull();
      assertThat(reply.retryAfterSeconds()).isPositive();
      // the unit was not handed out: a host that can finish it in time gets it
      assertThat(other.requestWork()).isNotNull();
    }
  }

  @Test
  void aFastHostWithLittleQueuedGetsAUnit() {
    try (TestServer server = start()) {
      submit(server, TestJobs.logistic("fast", 1, 1), TestJobs.separableCsv(100, 8));
      TestVolunteer fast = new TestVolunteer(server, "fast");

      WorkReply reply = fast.ask(holding(List.of(), 1_000_000_000L, 60));

      assertThat(reply.assignment()).isNotNull();
      assertThat(reply.assignment().deadlineMillis())
          .isGreaterThan(System.currentTimeMillis() + 60_000);
    }
  }
}
