package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.data.Dataset;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.TrainingCheckpoint;
import io.axon.core.training.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
  @TempDir Path dir;
  private CheckpointStore store;
  private FakeCoordinator units;

  @BeforeEach
  void setUp() throws Exception {
    store = new CheckpointStore(dir.resolve("checkpoints"));
    units = FakeCoordinator.start();
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() throws Exception {
    units.close();
  }

  /** A real checkpoint of {@code unit}'s run, from its second mini-batch. */
  private TrainingCheckpoint checkpointOf(WorkAssignment unit, Dataset shard) {
    Kernel kernel = Kernel.forSpec(unit.model());
    Model start = io.axon.core.training.ModelFormat.decode(units.blob(unit.modelBlob().sha256()));
    List<TrainingCheckpoint> taken = new ArrayList<>();
    kernel.train(
        start,
        shard,
        unit.hyperparameters(),
        unit.localEpochs(),
        unit.seed(),
        1,
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int epochs, double meanLoss) {}

          @Override
          public boolean checkpointDue() {
            return taken.isEmpty();
          }

          @Override
          public void checkpoint(TrainingCheckpoint checkpoint) {
            taken.add(checkpoint);
          }
        });
    return taken.get(0);
  }

  @Test
  void keepsTheAssignmentAndTheLatestCheckpointOfEachUnitOldestFirst() throws Exception {
    WorkAssignment first = units.offerLogistic(100, 2);
    WorkAssignment second = units.offerLogistic(100, 2);
    TrainingCheckpoint checkpoint = checkpointOf(second, FakeCoordinator.logisticShard(100, 3, 7));
    store.begin(second);
    store.begin(first);

    store.save(second.workUnitId(), checkpoint);

    assertThat(store.units()).containsExactly(first, second);
    assertThat(store.progress(first.workUnitId())).isNull();
    assertThat(store.progress(second.workUnitId()).encode()).isEqualTo(checkpoint.encode());
    assertThat(store.dir().resolve(second.workUnitId() + "/" + CheckpointStore.PROGRESS)).exists();
  }

  @Test
  void discardsADamagedCheckpointButKeepsItsUnit() throws Exception {
    WorkAssignment unit = units.offerLogistic(100, 2);
    store.begin(unit);
    store.save(unit.workUnitId(), checkpointOf(unit, FakeCoordinator.logisticShard(100, 3, 7)));
    Path file = store.dir().resolve(unit.workUnitId() + "/" + CheckpointStore.PROGRESS);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // torn by a crash

    assertThat(store.progress(unit.workUnitId())).isNull();
    assertThat(file).doesNotExist();
    assertThat(store.units()).containsExactly(unit);
  }

  @Test
  void removesFoldersWithoutAReadableAssignment() throws Exception {
    WorkAssignment unit = units.offerLogistic(100, 2);
    store.begin(unit);
    Files.createDirectories(store.dir().resolve("7"));
    Files.writeString(store.dir().resolve("7/.progress.axck123.tmp"), "half");
    Files.createDirectories(store.dir().resolve("8"));
    Files.writeString(store.dir().resolve("8/" + CheckpointStore.ASSIGNMENT), "{\"workUnitId\":");

    assertThat(store.units()).containsExactly(unit);
    assertThat(store.dir().resolve("7")).doesNotExist();
    assertThat(store.dir().resolve("8")).doesNotExist();
  }

  @Test
  void removingAUnitDeletesItsFolderWithLeftoverTemporaryFiles() throws Exception {
    WorkAssignment unit = units.offerLogistic(100, 2);
    store.begin(unit);
    Path folder = store.dir().resolve(Long.toString(unit.workUnitId()));
    Files.writeString(folder.resolve(".progress.axck42.tmp"), "torn");

    store.remove(unit.workUnitId());

    assertThat(folder).doesNotExist();
    assertThat(store.units()).isEmpty();
  }
}
