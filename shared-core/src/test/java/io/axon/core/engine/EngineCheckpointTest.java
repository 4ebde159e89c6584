package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine checkpoints units in training and resumes them after a stop to the same bits. */
class EngineCheckpointTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @RegisterExtension final EngineFixture fixture = new EngineFixture();
  private FakeCoordinator coordinator;
  private Path dataDir;

  @BeforeEach
  void useFixture() {
    coordinator = fixture.coordinator;
    dataDir = fixture.dataDir;
  }

  /** The shortest interval {@link EngineConfig} allows. */
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private VolunteerEngine engine(int threads, int maxUnits, EngineListener listener) {
    return fixture.engine(
        fixture.config(threads, maxUnits).withCheckpointInterval(INTERVAL), listener);
  }

  /** The SHA-256 of the model an uninterrupted, single-threaded run of {@code unit} gives. */
  static String uninterruptedSha256(FakeCoordinator coordinator, WorkAssignment unit) {
    var start = ModelFormat.decode(coordinator.blob(unit.modelBlob().sha256()));
    var shard = ShardFormat.decode(coordinator.blob(unit.shardBlob().sha256()));
    var result =
        Kernel.forSpec(unit.model())
            .train(
                start,
                shard,
                unit.hyperparameters(),
                unit.localEpochs(),
                unit.seed(),
                1,
                TrainingListener.NONE);
    return ModelFormat.sha256(result.model());
  }

  private Path folder(WorkAssignment unit) {
    return dataDir.resolve("checkpoints").resolve(Long.toString(unit.workUnitId()));
  }

  /**
   * Starts an engine on {@code unit} and stops it after two epochs (from its own thread, so the
   * stop always comes mid-unit): it saves a checkpoint as it stops.
   */
  private void trainPartly(WorkAssignment unit) throws Exception {
    AtomicReference<VolunteerEngine> engine = new AtomicReference<>();
    AtomicInteger saved = new AtomicInteger();
    AtomicBoolean finished = new AtomicBoolean();
    engine.set(
        engine(
            2,
            0,
            new EngineListener() {
              @Override
              public void epochFinished(WorkAssignment u, int epoch, int epochs, double loss) {
                if (epoch == 2) {
                  engine.get().stop();
                }
              }

              @Override
              public void checkpointSaved(WorkAssignment u, double progress) {
                saved.incrementAndGet();
              }

              @Override
              public void workFinished(WorkAssignment u, WorkSummary summary) {
                finished.set(true);
              }
            }));
    EngineFixture.start(engine.get()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(finished).isFalse();
    assertThat(saved.get()).isPositive();
    assertThat(coordinator.uploadAttempts()).isZero();
    assertThat(folder(unit).resolve(CheckpointStore.PROGRESS)).exists();
  }

  @Test
  void savesCheckpointsWhileTrainingAndDeletesThemOnceTheResultIsSaved() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(50_000, 4); // 1,563 mini-batches an epoch
    RecordingListener listener = new RecordingListener();
    // The ends of epochs 1 and 2 are held until an interval has passed since they came (the last
    // checkpoint or the start is earlier still): the trainer reads the clock every eighth
    // mini-batch, so epochs 2 and 3 each save one, however fast this machine trains.
    listener.atEpochEnd =
        epoch -> {
          if (epoch <= 2) {
            long ended = System.nanoTime();
            EngineFixture.holdUntil(() -> System.nanoTime() - ended >= INTERVAL.toNanos());
          }
        };

    EngineFixture.start(engine(2, 1, listener)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(listener.checkpoints).hasSizeGreaterThanOrEqualTo(2).isSorted();
    assertThat(listener.checkpoints).allMatch(p -> p >= 0 && p < 1);
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(uninterruptedSha256(coordinator, unit));
    assertThat(dataDir.resolve("checkpoints")).isEmptyDirectory();
    assertThat(listener.resumed).isEmpty();
  }

  @Test
  void resumesAStoppedUnitBeforeAskingForWorkAndHandsInTheUninterruptedBits() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(50_000, 8);
    trainPartly(unit);
    WorkAssignment next = coordinator.offerLogistic(100, 1);
    RecordingListener second = new RecordingListener();

    EngineFixture.start(engine(3, 1, second)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(uninterruptedSha256(coordinator, unit));
    assertThat(coordinator.results().get(0).flops()).isEqualTo(unit.flops());
    assertThat(second.started).containsExactly(unit);
    assertThat(second.resumed).singleElement().satisfies(p -> assertThat(p).isBetween(0.0, 1.0));
    assertThat(second.epochs).containsExactly(3, 4, 5, 6, 7, 8);
    assertThat(coordinator.downloads(unit.shardBlob().sha256())).isEqualTo(1); // from the cache
    assertThat(coordinator.queuedUnits()).isEqualTo(1); // next was not fetched
    assertThat(dataDir.resolve("checkpoints")).isEmptyDirectory();
    assertThat(next.workUnitId()).isNotEqualTo(unit.workUnitId());
  }

  @Test
  void trainsAUnitFromTheStartWhenItsCheckpointIsDamaged() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(50_000, 8);
    trainPartly(unit);
    Path progress = folder(unit).resolve(CheckpointStore.PROGRESS);
    byte[] bytes = Files.readAllBytes(progress);
    bytes[bytes.length / 2] ^= 1;
    Files.write(progress, bytes);
    RecordingListener second = new RecordingListener();

    EngineFixture.start(engine(1, 1, second)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(second.resumed).isEmpty();
    assertThat(second.epochs.get(0)).isEqualTo(1);
    assertThat(second.errors).isEmpty();
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(uninterruptedSha256(coordinator, unit));
  }

  @Test
  void trainsAUnitFromTheStartWhenItsCheckpointBelongsToAnotherUnit() throws Exception {
    WorkAssignment unit = coordinator.offerLogistic(50_000, 8);
    trainPartly(unit);
    // a checkpoint of the same shape, start and data but another seed (as another unit has)
    WorkAssignment other = coordinator.offerLogistic(50_000, 8);
    new CheckpointStore(dataDir.resolve("checkpoints")).remove(unit.workUnitId());
    trainPartly(other);
    Files.createDirectories(folder(unit));
    Files.writeString(
        folder(unit).resolve(CheckpointStore.ASSIGNMENT),
        io.axon.core.protocol.ProtocolJson.toJson(unit));
    Files.move(
        folder(other).resolve(CheckpointStore.PROGRESS),
        folder(unit).resolve(CheckpointStore.PROGRESS));
    new CheckpointStore(dataDir.resolve("checkpoints")).remove(other.workUnitId());
    RecordingListener second = new RecordingListener();

    EngineFixture.start(engine(2, 1, second)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(second.resumed).hasSize(1); // it looked like progress until the kernel checked it
    assertThat(second.epochs.get(0)).isEqualTo(1);
    assertThat(coordinator.resultUnitIds()).containsExactly(unit.workUnitId());
    assertThat(coordinator.results().get(0).modelSha256())
        .isEqualTo(uninterruptedSha256(coordinator, unit));
  }

  @Test
  void dropsAnInterruptedUnitWhoseDeadlineHasPassed() throws Exception {
    WorkAssignment fresh = coordinator.offerLogistic(100, 1);
    WorkAssignment queued = coordinator.offerLogistic(100, 1);
    WorkAssignment expired =
        new WorkAssignment(
            queued.workUnitId() + 50,
            queued.jobId(),
            queued.jobName(),
            queued.round(),
            queued.model(),
            queued.hyperparameters(),
            queued.localEpochs(),
            queued.seed(),
            queued.modelBlob(),
            queued.shardBlob(),
            System.currentTimeMillis() - 1,
            queued.flops());
    new CheckpointStore(dataDir.resolve("checkpoints")).begin(expired);
    RecordingListener listener = new RecordingListener();

    EngineFixture.start(engine(1, 1, listener)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(listener.started).containsExactly(fresh);
    assertThat(folder(expired)).doesNotExist();
    assertThat(dataDir.resolve("checkpoints")).isEmptyDirectory();
  }
}
