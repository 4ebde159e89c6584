package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.WorkAssignment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<ChildJvm> children = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startCoordinator() throws Exception {
    coordinator = FakeCoordinator.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (ChildJvm child : children) {
      child.close();
    }
    coordinator.close();
  }

  @Test
  void aVolunteerKilledWithSigkillResumesFromItsLastCheckpointToTheUninterruptedBits()
      throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(200_000, 10);
    Child first = start(2, "3"); // held in training after three checkpoints
    first.await(lines -> lines.contains("held"));
    assertThat(first.events()).filteredOn(l -> l.startsWith("checkpoint")).hasSizeGreaterThan(2);

    first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
    assertThat(first.jvm.waitFor(Duration.ofSeconds(10))).isTrue();
    Path progress =
        dataDir.resolve("checkpoints").resolve(unit.workUnitId() + "/" + CheckpointStore.PROGRESS);
    assertThat(first.process.exitValue()).as("killed, not exited").isNotZero();
    assertThat(first.events()).noneMatch(l -> l.startsWith("finished"));
    assertThat(coordinator.uploadAttempts()).isZero();
    assertThat(progress).exists();

    Child second = start(3);
    assertThat(second.jvm.waitFor(WAIT)).isTrue();

    assertThat(second.process.exitValue()).as("output:%n%s", second.jvm.output()).isZero();
    assertThat(second.events()).contains("finished ACCEPTED");
    double resumedAt =
        second.events().stream()
            .filter(l -> l.startsWith("resumed "))
            .mapToDouble(l -> Double.parseDouble(l.substring(8)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("not resumed:\n" + second.jvm.output()));
    double lastSaved =
        Double.parseDouble(
            first.events().stream()
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

  private Child start(int threads, String... holdAfterCheckpoints) throws IOException {
    List<String> args =
        new ArrayList<>(List.of(coordinator.url(), dataDir.toString(), "" + threads, "100"));
    args.addAll(List.of(holdAfterCheckpoints));
    ChildJvm jvm = ChildJvm.start(KilledVolunteerMain.class, args.toArray(String[]::new));
    children.add(jvm);
    return new Child(jvm);
  }

  /** A volunteer JVM and the events it printed ({@code EVENT ...} lines, without the prefix). */
  private static final class Child {
    final ChildJvm jvm;
    final Process process;

    Child(ChildJvm jvm) {
      this.jvm = jvm;
      this.process = jvm.process();
    }

    List<String> events() {
      return jvm.lines().stream()
          .filter(l -> l.startsWith("EVENT "))
          .map(l -> l.substring(6))
          .toList();
    }

    void await(java.util.function.Predicate<List<String>> condition) throws InterruptedException {
      jvm.await(WAIT, lines -> condition.test(events()));
    }
  }
}
