package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resilience the issue asks for, with a real process: a volunteer JVM is killed with SIGKILL in
 * the middle of a unit, started again on the same data directory, resumes from its last checkpoint
 * and hands in the model an uninterrupted run gives.
 */
class KillAndResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dataDir;
  private FakeCoordinator coordinator;
  private final List<Process> children = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCoordinator() throws Exception {
    coordinator = FakeCoordinator.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Process child : children) {
      child.destroyForcibly();
    }
    coordinator.close();
  }

  @Test
  void aVolunteerKilledWithSigkillResumesFromItsLastCheckpointToTheUninterruptedBits()
      throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 150); // seconds of training
    Child first = start(2);
    first.await(lines -> lines.stream().filter(l -> l.startsWith("checkpoint")).count() >= 3);

    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
    assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Path progress =
        dataDir.resolve("checkpoints").resolve(unit.workUnitId() + "/" + CheckpointStore.PROGRESS);
    assertThat(first.process.exitValue()).as("killed, not exited").isNotZero();
    assertThat(first.events).noneMatch(l -> l.startsWith("finished"));
    assertThat(coordinator.uploadAttempts()).isZero();
    assertThat(progress).exists();

    Child second = start(3);
    assertThat(second.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(second.process.exitValue()).as("output:%n%s", second.output).isZero();
    assertThat(second.events).contains("finished ACCEPTED");
    double resumedAt =
        second.events.stream()
            .filter(l -> l.startsWith("resumed "))
            .mapToDouble(l -> Double.parseDouble(l.substring(8)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("not resumed:\n" + second.output));
    double lastSaved =
        Double.parseDouble(
            first.events.stream()
                .filter(l -> l.startsWith("checkpoint"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring(11));
    assertThat(resumedAt).isGreaterThanOrEqualTo(lastSaved).isLessThan(1.0);
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(EngineCheckpointTest.uninterruptedSha256(coordinator, unit));
    assertThat(coordinator.downloads(unit.shardBlob().sha256())).isEqualTo(1);
    assertThat(dataDir.resolve("checkpoints")).isEmptyDirectory();
  }

  private Child start(int threads) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledVolunteerMain.class.getName(),
                coordinator.url(),
                dataDir.toString(),
                Integer.toString(threads),
                "100")
            .redirectErrorStream(true)
            .start();
    children.add(process);
    return new Child(process);
  }

  /** A child JVM and the lines it printed, read as they come. */
  private static final class Child {
    final Process process;
    final List<String> events = new CopyOnWriteArrayList<>();
    final StringBuffer output = new StringBuffer();

    Child(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith("EVENT ")) {
                      events.add(line.substring(6));
                    }
                  }
                } catch (IOException e) {
                  // the process died; what was read is kept
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    void await(java.util.function.Predicate<List<String>> condition) throws InterruptedException {
      long end = System.nanoTime() + WAIT.toNanos();
      while (!condition.test(events)) {
        if (System.nanoTime() > end || !process.isAlive()) {
          throw new AssertionError("child did not get there; output:\n" + output);
        }
        Thread.sleep(10);
      }
    }
  }
}
