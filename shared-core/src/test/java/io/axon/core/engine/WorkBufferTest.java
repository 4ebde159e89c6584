package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.WorkAssignment;
import io.axon.core.protocol.WorkRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine keeps a small queue of units, and no more than it can finish in time. */
class WorkBufferTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension final EngineFixture fixture = new EngineFixture();
  private FakeCoordinator coordinator;
  private Path dataDir;

  @BeforeEach
  void useFixture() {
    coordinator = fixture.coordinator;
    dataDir = fixture.dataDir;
  }

  private VolunteerEngine engine(int maxUnits, int buffer, EngineListener listener) {
    return fixture.engine(
        new EngineConfig(coordinator.url(), dataDir, 2, "buffered", maxUnits)
            .withWorkBufferUnits(buffer),
        listener);
  }

  /** The units saved in the data directory: the one in training and the queued ones. */
  private List<Long> held() {
    Path dir = dataDir.resolve("checkpoints");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(dir)) {
      List<Long> ids = new ArrayList<>();
      folders.forEach(f -> ids.add(Long.parseLong(f.getFileName().toString())));
      return ids;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void holdsTheUnitInTrainingPlusOneQueuedAndListsWhatItHoldsWhenAskingForMore() throws Exception {
    List<WorkAssignment> units = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      units.add(coordinator.offerLogistic(200, 1));
    }
    List<Integer> heldAtStart = new CopyOnWriteArrayList<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void workStarted(WorkAssignment unit) {
            heldAtStart.add(held().size());
          }
        };

    EngineFixture.start(engine(5, 1, listener)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds())
        .containsExactlyInAnyOrderElementsOf(
            units.stream().map(WorkAssignment::workUnitId).toList());
    // two in hand while four or more remain, then only what is left of maxUnits
    assertThat(heldAtStart).containsExactly(2, 2, 2, 2, 1);
    List<WorkRequest> requests = coordinator.workRequests();
    assertThat(requests).allSatisfy(r -> assertThat(r.heldUnits()).hasSizeLessThanOrEqualTo(1));
    assertThat(requests.get(0).heldUnits()).isEmpty();
    assertThat(requests.get(1).heldUnits()).containsExactly(units.get(0).workUnitId());
    // a speed is told once a unit has been measured, with the queued work it implies
    WorkRequest afterFirst = requests.get(2);
    assertThat(afterFirst.flopsPerSecond()).isPositive();
    assertThat(afterFirst.queuedSeconds())
        .isCloseTo(
            (double) units.get(1).flops() / afterFirst.flopsPerSecond(),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withoutABufferItAsksOnlyWhenItHoldsNothing() throws Exception {
    for (int i = 0; i < 3; i++) {
      coordinator.offerLogistic(200, 1);
    }

    EngineFixture.start(engine(3, 0, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds()).hasSize(3);
    assertThat(coordinator.workRequests())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.heldUnits()).isEmpty());
  }

  @Test
  void queuedUnitsAreSavedAtOnceAndTrainedAfterARestart() throws Exception {
    WorkAssignment first = coordinator.offerLogistic(200, 1);
    WorkAssignment second = coordinator.offerLogistic(200, 1);
    VolunteerEngine[] engine = new VolunteerEngine[1];
    engine[0] =
        engine(
            0,
            1,
            new EngineListener() {
              @Override
              public void workStarted(WorkAssignment unit) {
                engine[0].stop(); // the process ends while the first unit trains
              }
            });

    EngineFixture.start(engine[0]).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.queuedUnits()).isZero();
    assertThat(coordinator.resultUnitIds()).isEmpty();
    assertThat(held()).containsExactlyInAnyOrder(first.workUnitId(), second.workUnitId());

    int asked = coordinator.workRequests().size();
    EngineFixture.start(engine(2, 1, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds())
        .containsExactly(first.workUnitId(), second.workUnitId());
    assertThat(held()).isEmpty();
    // both came from the data directory: the restarted engine did not need to ask for work
    assertThat(coordinator.workRequests()).hasSize(asked);
  }

  @Test
  void aCoordinatorThatResendsAUnitTheHostHoldsDoesNotMakeItSpinOrTrainTwice() throws Exception {
    WorkAssignment first = coordinator.offerLogistic(200, 1);
    WorkAssignment second = coordinator.offerLogistic(200, 1);
    coordinator.resendsUnreported(true);

    EngineFixture.start(engine(2, 1, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds())
        .containsExactly(first.workUnitId(), second.workUnitId());
    assertThat(coordinator.workRequests().size()).isLessThan(10);
  }

  @Test
  void aHostTooSlowForTheNextUnitDoesNotFetchIt() throws Exception {
    WorkAssignment measured = coordinator.offerLogistic(200, 1);
    VolunteerEngine engine = engine(0, 1, EngineListener.NONE);
    CompletableFuture<Void> running = EngineFixture.start(engine);
    EngineFixture.waitUpTo(WAIT)
        .until(() -> coordinator.resultUnitIds().contains(measured.workUnitId()));

    // far more work than any host does before the unit's deadline (ten minutes)
    WorkAssignment huge = coordinator.offerClaiming(Long.MAX_VALUE / 4);
    int asked = coordinator.workRequests().size();
    EngineFixture.waitUpTo(WAIT).until(() -> coordinator.workRequests().size() >= asked + 2);
    engine.stop();
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.workRequests().subList(asked, asked + 2))
        .allSatisfy(r -> assertThat(r.flopsPerSecond()).isPositive());
    assertThat(coordinator.queuedUnits()).isEqualTo(1);
    assertThat(held()).doesNotContain(huge.workUnitId()).isEmpty();
    assertThat(coordinator.resultUnitIds()).containsExactly(measured.workUnitId());
  }

  @Test
  void theMeasuredSpeedIsKeptAcrossARestartAndToldInTheFirstRequest() throws Exception {
    coordinator.offerLogistic(2000, 2);
    EngineFixture.start(engine(1, 0, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    long measured = Long.parseLong(Files.readString(dataDir.resolve(SpeedStore.FILE_NAME)).trim());
    assertThat(measured).isPositive();
    int asked = coordinator.workRequests().size();
    coordinator.offerLogistic(200, 1);

    EngineFixture.start(engine(1, 0, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.workRequests().get(asked).flopsPerSecond()).isEqualTo(measured);
    assertThat(coordinator.workRequests().get(0).flopsPerSecond()).isZero();
  }

  @Test
  void theSpeedIsTimedOverTrainingNotOverSlowDownloads() throws Exception {
    // two 600 ms downloads around a unit that trains in milliseconds: timed with the downloads,
    // the host would look too slow for anything larger and be sent nothing
    coordinator.blobDelay(Duration.ofMillis(600));
    WorkAssignment small = coordinator.offerLogistic(2000, 2);
    EngineFixture.start(engine(1, 0, EngineListener.NONE)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    long measured = Long.parseLong(Files.readString(dataDir.resolve(SpeedStore.FILE_NAME)).trim());
    // the seconds it was timed over: milliseconds of training, or 1.2 s with the downloads; 0.6 s
    // leaves a loaded machine (and the JIT's first compile) over half a second
    assertThat((double) small.flops() / measured).isLessThan(0.6);
  }

  @Test
  void aDamagedSpeedFileCountsAsNotYetMeasured() throws Exception {
    Files.writeString(dataDir.resolve(SpeedStore.FILE_NAME), "fast\n");

    assertThat(new SpeedStore(dataDir).load()).isZero();
  }
}
