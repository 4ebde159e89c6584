package io.axon.volunteer;

import static io.axon.core.engine.FakeCoordinator.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.engine.ChildJvm;
import io.axon.core.engine.FakeCoordinator;
import io.axon.core.protocol.WorkAssignment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volunteer as a real process, stopped the way a service manager stops it. */
class VolunteerProcessTest {
  @TempDir Path dataDir;

  @Test
  void sigtermDuringTrainingStopsTheVolunteerWithExitCode0() throws Exception {
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      WorkAssignment unit = coordinator.offerLogistic(200_000, 1_000);
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
        // the shard is fetched last, just before training starts
        await(Duration.ofSeconds(20), () -> coordinator.downloads(unit.shardBlob().sha256()) > 0);
        Thread.sleep(300);

        long began = System.nanoTime();
        // SIGTERM; Process.destroy() would also close our end of its stdout
        process.process().toHandle().destroy();
        boolean exited = process.waitFor(Duration.ofSeconds(10));

        assertThat(exited).isTrue();
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
}
