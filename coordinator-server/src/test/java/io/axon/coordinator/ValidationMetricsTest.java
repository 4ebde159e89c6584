package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.WorkAssignment;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon_validations_total}: the validator's verdicts, scraped as Prometheus would. */
class ValidationMetricsTest {
  @TempDir Path dataDir;

  @Test
  void countsEveryVerdictOfTheValidatorOnce() {
    try (TestServer server = TestServer.start(dataDir)) {
      LifecycleTest.submit(
          server, TestJobs.replicated("judged", 1, 1), TestJobs.separableCsv(300, 91));
      TestVolunteer honest = new TestVolunteer(server, "honest");
      TestVolunteer cheat = new TestVolunteer(server, "cheat");
      TestVolunteer third = new TestVolunteer(server, "third");
      WorkAssignment mine = honest.requestWork();
      WorkAssignment theirs = cheat.requestWork();
      TestVolunteer.Result good = honest.train(mine);
      TestVolunteer.Result forged = LifecycleTest.forge(cheat.train(theirs));

      assertThat(honest.upload(good.report(), good.model()).statusCode()).isEqualTo(200);
      assertThat(validations(server)).containsExactly(0.0, 0.0, 0.0);
      assertThat(cheat.upload(forged.report(), forged.model()).statusCode()).isEqualTo(200);
      // two results that disagree: both inconclusive, one more replica
      assertThat(validations(server)).containsExactly(0.0, 0.0, 2.0);
      // the same upload again changes nothing
      assertThat(cheat.upload(forged.report(), forged.model()).statusCode()).isEqualTo(200);
      assertThat(validations(server)).containsExactly(0.0, 0.0, 2.0);

      TestVolunteer.Result tie = third.train(third.requestWork());
      assertThat(third.upload(tie.report(), tie.model()).statusCode()).isEqualTo(200);

      // honest and third agree (valid), the cheat is outvoted (invalid)
      assertThat(validations(server)).containsExactly(2.0, 1.0, 2.0);
    }
  }

  @Test
  void countsAnUploadThatIsNoFiniteModelAsInvalid() {
    try (TestServer server = TestServer.start(dataDir)) {
      JobSpec spec = TestJobs.replicated("broken", 1, 1);
      LifecycleTest.submit(server, spec, TestJobs.separableCsv(300, 92));
      TestVolunteer volunteer = new TestVolunteer(server, "broken");
      TestVolunteer.Result nan = LifecycleTest.nonFinite(volunteer.train(volunteer.requestWork()));

      HttpResponse<String> reply = volunteer.upload(nan.report(), nan.model());

      assertThat(reply.statusCode()).isEqualTo(400);
      assertThat(validations(server)).containsExactly(0.0, 1.0, 0.0);
    }
  }

  /** valid, invalid, inconclusive. */
  private static double[] validations(TestServer server) {
    HttpResponse<String> reply = server.get("/metrics", null);
    assertThat(reply.statusCode()).isEqualTo(200);
    String metrics = reply.body();
    return new double[] {
      sample(metrics, "valid"), sample(metrics, "invalid"), sample(metrics, "inconclusive")
    };
  }

  private static double sample(String metrics, String outcome) {
    Matcher line =
        Pattern.compile(
                "(?m)^axon_validations_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\} (\\S+)$")
            .matcher(metrics);
    assertThat(line.find())
        .as("axon_validations_total{outcome=%s} in%n%s", outcome, metrics)
        .isTrue();
    return Double.parseDouble(line.group(1));
  }
}
