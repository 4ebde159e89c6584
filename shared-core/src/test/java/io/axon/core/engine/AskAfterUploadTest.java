package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.WorkAssignment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A "no work" answer is about the coordinator's state before the host's next upload: once a result
 * is accepted (it may have closed a round), the engine asks again at once.
 */
class AskAfterUploadTest {
  /** Far longer than the test takes when the engine asks at once, even on a loaded machine. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(60);

  @RegisterExtension final EngineFixture fixture = new EngineFixture();

  @Test
  void asksForTheNextRoundRightAfterAnAcceptedUploadNotARetryAfterLater() throws Exception {
    FakeCoordinator coordinator = fixture.coordinator;
    coordinator.retryAfterSeconds((int) RETRY_AFTER.toSeconds());
    coordinator.offerLogistic(200, 1);
    AtomicBoolean offered = new AtomicBoolean();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void workStarted(WorkAssignment unit) {
            // the queue top-up before this training was answered "no work, ask in 60 s"; the next
            // round's unit appears while this one trains, as it would once this result is in
            if (offered.compareAndSet(false, true)) {
              coordinator.offerLogistic(200, 1);
            }
          }
        };
    VolunteerEngine engine =
        fixture.engine(
            new EngineConfig(coordinator.url(), fixture.dataDir, 1, "eager", 2)
                .withWorkBufferUnits(1),
            listener);

    long start = System.nanoTime();
    EngineFixture.start(engine).get(RETRY_AFTER.toSeconds() + 30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(coordinator.resultUnitIds()).hasSize(2);
    assertThat(coordinator.workRequests()).hasSizeGreaterThanOrEqualTo(3);
    // two units of 200 rows take about a second; waiting out the retry-after would take 60 s
    assertThat(took).isLessThan(RETRY_AFTER);
  }
}
