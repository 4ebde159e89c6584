package io.axon.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.engine.ChildJvm;
import io.axon.core.engine.FakeCoordinator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volunteer as a real process, stopped the way a service manager stops it. */
class VolunteerProcessTest {
  @TempDir Path dataDir;

  @Test
  void sigtermDuringTrainingStopsTheVolunteerWithExitCode0() throws Exception {
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      // 2e11 rows: about an hour on this machine (some 60 million rows a second on one thread);
      // the test stops it a second or two into training
      coordinator.offerLogistic(200_000, 1_000_000);
      ChildJvm process =
          ChildJvm.start(
              VolunteerMain.class,
              "--coordinator",
              coordinator.url(),
              "--data-dir",
              dataDir.toString(),
              "--threads",
              "1");
      try {
        // the status file (rewritten every second) shows its training thread at work
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(this::trainingThreads, threads -> threads == 1);

        long began = System.nanoTime();
        // SIGTERM; Process.destroy() would also close our end of its stdout
        process.process().toHandle().destroy();
        boolean exited = process.waitFor(Duration.ofSeconds(10));

        assertThat(exited).isTrue();
        // a cooperative stop takes well under a second; after 5 s (the engine's stop wait) it
        // would interrupt its own work loop instead, and systemd allows 30 s
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(process.process().exitValue()).isZero();
        assertThat(process.lines())
            .contains("stopped")
            .anyMatch(l -> l.startsWith("registered with"));
        assertThat(coordinator.results()).isEmpty();
      } finally {
        process.close();
      }
    }
  }

  /** The training threads the status file says run now; 0 while there is none or no file yet. */
  private int trainingThreads() {
    try {
      VolunteerStatus status =
          StatusJson.read(Files.readString(dataDir.resolve(StatusCommand.FILE_NAME)));
      return "RUNNING".equals(status.state()) && status.limits() != null
          ? status.limits().threads()
          : 0;
    } catch (IOException | RuntimeException e) {
      return 0; // not written yet
    }
  }
}
