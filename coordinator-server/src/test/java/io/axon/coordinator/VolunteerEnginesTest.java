package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.protocol.ProtocolJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: a coordinator and two volunteer engines, each on its own threads. */
class VolunteerEnginesTest {
  @TempDir Path dir;

  @Test
  void twoVolunteerEnginesTrainASmallJobToTheEnd() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("coordinator"))) {
      JobStatus job = submit(server, TestJobs.replicated("engines", 2, 3));

      try (Engines engines = new Engines(server, 2)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      JobStatus done = status(server, job.id());
      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.metrics()).hasSize(3);
      assertThat(done.metrics().get(2).accuracy()).isGreaterThan(0.9);
      assertThat(count(server, "work_units WHERE state = 'VALIDATED'")).isEqualTo(2 * 3);
      // both engines ran every unit, and each got credit for each
      assertThat(count(server, "replicas WHERE validate_state = 'VALID'")).isEqualTo(2 * 3 * 2);
      assertThat(count(server, "credit_ledger")).isEqualTo(2 * 3 * 2);
    }
  }

  @Test
  void volunteerEnginesCarryOnWhenTheCoordinatorIsRestartedMidJob() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("coordinator"))) {
      JobStatus job = submit(server, TestJobs.logistic("restarted", 2, 8));

      try (Engines engines = new Engines(server, 2)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> status(server, job.id()).round() >= 3);
        server.restart();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> status(server, job.id()).state() != JobState.RUNNING);
        assertThat(engines.errors).isEmpty();
      }

      JobStatus done = status(server, job.id());
      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.metrics())
          .extracting(JobStatus.RoundMetrics::round)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
  }

  private static JobStatus submit(TestServer server, JobSpec spec) {
    HttpResponse<String> reply =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json("spec", ProtocolJson.toJson(spec))
                .part("data", "text/csv", TestJobs.separableCsv(1000, 31)));
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    return ProtocolJson.fromJson(reply.body(), JobStatus.class);
  }

  private static JobStatus status(TestServer server, long id) {
    return ProtocolJson.fromJson(server.get("/api/v1/jobs/" + id, null).body(), JobStatus.class);
  }

  private static long count(TestServer server, String tableAndCondition) {
    return Jdbi.create(server.config.jdbcUrl())
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM " + tableAndCondition).mapTo(Long.class).one());
  }

  /** Volunteer engines running on their own threads until closed. */
  private final class Engines implements AutoCloseable {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<VolunteerEngine> engines = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Engines(TestServer server, int count) {
      for (int i = 1; i <= count; i++) {
        VolunteerEngine engine =
            VolunteerEngine.builder(
                    new EngineConfig(
                        server.url(), dir.resolve("volunteer" + i), 1, "volunteer" + i))
                // the real machine monitor, but no suspending because the build box is busy
                .preferences(() -> Preferences.defaults().withRunMode(RunMode.ALWAYS))
                .listener(
                    new EngineListener() {
                      @Override
                      public void error(Throwable error, boolean willRetry) {
                        if (!willRetry) {
                          errors.add(error);
                        }
                      }
                    })
                .build();
        Thread thread =
            new Thread(
                () -> {
                  try {
                    engine.run();
                  } catch (Exception e) {
                    errors.add(e);
                  }
                },
                "volunteer" + i);
        engines.add(engine);
        threads.add(thread);
        thread.start();
      }
    }

    @Override
    public void close() {
      for (VolunteerEngine engine : engines) {
        engine.stop();
      }
      try {
        for (Thread thread : threads) {
          thread.join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
