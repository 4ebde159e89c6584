package io.axon.volunteer;

import static io.axon.core.engine.FakeCoordinator.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.engine.FakeCoordinator;
import io.axon.core.protocol.WorkAssignment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volunteer as a real process, stopped the way a service manager stops it. */
class VolunteerProcessTest {
  @TempDir Path dataDir;

  @Test
  void sigtermDuringTrainingStopsTheVolunteerWithExitCode0() throws Exception {
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      WorkAssignment unit = coordinator.offerLogistic(200_000, 1_000);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  VolunteerMain.class.getName(),
                  "--coordinator",
                  coordinator.url(),
                  "--data-dir",
                  dataDir.toString(),
                  "--threads",
                  "1")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      List<String> lines = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> readLines(process, lines));
      reader.start();
      try {
        // the shard is fetched last, just before training starts
        await(Duration.ofSeconds(20), () -> coordinator.downloads(unit.shardBlob().sha256()) > 0);
        Thread.sleep(300);

        long began = System.nanoTime();
        // SIGTERM; Process.destroy() would also close our end of its stdout
        process.toHandle().destroy();
        boolean exited = process.waitFor(10, TimeUnit.SECONDS);

        assertThat(exited).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(process.exitValue()).isZero();
        reader.join(2_000);
        assertThat(lines).contains("stopped").anyMatch(l -> l.startsWith("registered with"));
        assertThat(coordinator.results()).isEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static void readLines(Process process, List<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process is gone
    }
  }
}
