package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.protocol.WorkAssignment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work hold (long poll): a request for work waits for the next round instead of "no work". */
class WorkHoldTest {
  @TempDir Path dataDir;

  private static JobStatus submit(TestServer server, int shards, int rounds) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(TestJobs.logistic("held", shards, rounds)))
                .part("data", "text/csv", TestJobs.separableCsv(200, 3)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), JobStatus.class);
  }

  @Test
  void aVolunteerThatFinishedARoundGetsTheNextOneFromItsVeryNextRequest() {
    try (TestServer server =
            new TestServer(
                TestServer.config(dataDir)
                    .transitionerPeriod(Duration.ofSeconds(30))
                    .workHold(Duration.ofSeconds(5))
                    .build());
        TestVolunteer volunteer = new TestVolunteer(server, "held-1")) {
      submit(server, 1, 2);
      assertThat(volunteer.runOne()).isTrue();

      long start = System.nanoTime();
      WorkAssignment next = volunteer.requestWork();
      double seconds = (System.nanoTime() - start) / 1e9;

      // the upload closed round 1 in the background; the held request saw round 2 open
      assertThat(next).isNotNull();
      assertThat(next.round()).isEqualTo(2);
      assertThat(seconds).isLessThan(2.0);
    }
  }

  @Test
  void aHeldRequestSeesAJobSubmittedWhileItWaits() throws Exception {
    try (TestServer server =
            new TestServer(TestServer.config(dataDir).workHold(Duration.ofSeconds(5)).build());
        TestVolunteer volunteer = new TestVolunteer(server, "held-2")) {
      Thread submitter =
          new Thread(
              () -> {
                try {
                  Thread.sleep(300);
                } catch (InterruptedException e) {
                  return;
                }
                submit(server, 1, 1);
              });
      long start = System.nanoTime();
      submitter.start();
      WorkAssignment unit = volunteer.requestWork();
      double seconds = (System.nanoTime() - start) / 1e9;
      submitter.join();

      assertThat(unit).isNotNull();
      assertThat(seconds).isBetween(0.3, 2.0);
    }
  }

  @Test
  void withNothingToDoTheAnswerIsNoWorkOnceTheHoldIsOver() {
    try (TestServer server =
            new TestServer(TestServer.config(dataDir).workHold(Duration.ofMillis(400)).build());
        TestVolunteer volunteer = new TestVolunteer(server, "held-3")) {
      long start = System.nanoTime();
      WorkAssignment unit = volunteer.requestWork();
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(unit).isNull();
      assertThat(seconds).isBetween(0.4, 3.0);
    }
  }

  @Test
  void aHoldOutsideZeroToThirtySecondsIsRefused() {
    assertThatThrownBy(() -> TestServer.config(dataDir).workHold(Duration.ofMillis(-1)).build())
        .hasMessageContaining("workHold");
    assertThatThrownBy(() -> TestServer.config(dataDir).workHold(Duration.ofSeconds(31)).build())
        .hasMessageContaining("workHold");
  }
}
