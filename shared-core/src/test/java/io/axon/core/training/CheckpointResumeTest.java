package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A run resumed from any checkpoint ends with the bits of a run never interrupted. */
class CheckpointResumeTest {
  /** 1003 rows in batches of 100: 11 mini-batches per epoch, the last of 3 rows. */
  private static final Hyperparameters HYPER = new Hyperparameters(0.05, 0.9, 1e-3, 100);

  private static final int EPOCHS = 3;
  private static final long SEED = 42;

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(ModelSpec.logistic(10), TestData.separable(1003, 10, 1)),
        Arguments.of(ModelSpec.softmax(10, 3), TestData.blobs(1003, 10, 3, 2)),
        Arguments.of(
            ModelSpec.linear(5), TestData.linear(1003, new double[] {1, -2, 3, -4, 5}, 0.5, 3)),
        Arguments.of(ModelSpec.mlp(10, List.of(12, 6), 3), TestData.random(1003, 10, 3, 4)));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void resumingFromAnyMiniBatchOfAnyEpochGivesTheBitsOfAnUninterruptedRun(
      ModelSpec spec, Dataset data) {
    Kernel kernel = Kernel.forSpec(spec);
    Model start = kernel.initialize(7);
    TrainingResult plain = kernel.train(start, data, HYPER, EPOCHS, SEED, 1, TrainingListener.NONE);
    Recorder everyBatch = new Recorder();

    TrainingResult recorded = kernel.train(start, data, HYPER, EPOCHS, SEED, 2, everyBatch);

    assertSameBits(recorded, plain);
    assertThat(everyBatch.checkpoints).hasSize(EPOCHS * 11);
    for (TrainingCheckpoint saved : everyBatch.checkpoints) {
      // through the encoding, as a checkpoint on disk; on another thread count
      TrainingCheckpoint checkpoint = TrainingCheckpoint.decode(saved.encode());
      int threads = 1 + (checkpoint.batch() % 3);
      TrainingResult resumed =
          kernel.train(
              start, data, HYPER, EPOCHS, SEED, threads, TrainingListener.NONE, checkpoint);
      assertSameBits(resumed, plain);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aCheckpointTakenAfterResumingResumesToTheSameBitsAgain(ModelSpec spec, Dataset data) {
    Kernel kernel = Kernel.forSpec(spec);
    Model start = kernel.initialize(3);
    TrainingResult plain = kernel.train(start, data, HYPER, EPOCHS, SEED, 1, TrainingListener.NONE);
    Recorder first = new Recorder();
    kernel.train(start, data, HYPER, EPOCHS, SEED, 1, first);
    Recorder second = new Recorder();
    TrainingCheckpoint early = first.at(1, 4);

    kernel.train(start, data, HYPER, EPOCHS, SEED, 3, second, early);
    TrainingResult twice =
        kernel.train(start, data, HYPER, EPOCHS, SEED, 2, TrainingListener.NONE, second.at(2, 9));

    assertSameBits(twice, plain);
    assertThat(second.at(2, 9).encode()).isEqualTo(first.at(2, 9).encode());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aResumedRunReportsOnlyTheEpochsItFinishes(ModelSpec spec, Dataset data) {
    Kernel kernel = Kernel.forSpec(spec);
    Model start = kernel.initialize(1);
    Recorder recorder = new Recorder();
    kernel.train(start, data, HYPER, EPOCHS, SEED, 1, recorder);
    List<Integer> epochs = new ArrayList<>();
    List<Double> losses = new ArrayList<>();

    kernel.train(
        start,
        data,
        HYPER,
        EPOCHS,
        SEED,
        1,
        (epoch, total, loss) -> {
          epochs.add(epoch);
          losses.add(loss);
        },
        recorder.at(2, 6));

    assertThat(epochs).containsExactly(2, 3);
    assertThat(losses).containsExactly(recorder.losses.get(1), recorder.losses.get(2));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void checkpointsSayHowFarTheRunHasCome(ModelSpec spec, Dataset data) {
    Kernel kernel = Kernel.forSpec(spec);
    Recorder recorder = new Recorder();
    kernel.train(kernel.initialize(1), data, HYPER, EPOCHS, SEED, 1, recorder);

    TrainingCheckpoint checkpoint = recorder.at(2, 10);

    assertThat(checkpoint.rowsDone()).isEqualTo(1003 + 1000);
    assertThat(checkpoint.progress()).isEqualTo(2003.0 / 3009);
    assertThat(recorder.at(1, 0).progress()).isZero();
    assertThat(checkpoint.spec()).isEqualTo(spec);
    assertThat(checkpoint.seed()).isEqualTo(SEED);
    assertThat(checkpoint.epochs()).isEqualTo(EPOCHS);
    assertThat(checkpoint.hyperparameters()).isEqualTo(HYPER);
    assertThat(checkpoint.rows()).isEqualTo(1003);
    assertThat(checkpoint.runDigest()).hasSize(64).isEqualTo(recorder.at(3, 1).runDigest());
    assertThat(checkpoint.model()).isNotEqualTo(recorder.at(1, 0).model());
    assertThat(recorder.at(1, 0).velocity()).containsOnly(0.0);
  }

  private static void assertSameBits(TrainingResult actual, TrainingResult expected) {
    assertThat(ModelFormat.encode(actual.model())).isEqualTo(ModelFormat.encode(expected.model()));
    assertThat(Double.doubleToRawLongBits(actual.meanLoss()))
        .isEqualTo(Double.doubleToRawLongBits(expected.meanLoss()));
    assertThat(actual.samples()).isEqualTo(expected.samples());
    assertThat(actual.flops()).isEqualTo(expected.flops());
  }

  /** Asks for a checkpoint before every mini-batch and keeps them all. */
  static final class Recorder implements TrainingListener {
    final List<TrainingCheckpoint> checkpoints = new ArrayList<>();
    final List<Double> losses = new ArrayList<>();

    @Override
    public void epochFinished(int epoch, int epochs, double meanLoss) {
      losses.add(meanLoss);
    }

    @Override
    public boolean checkpointDue() {
      return true;
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      checkpoints.add(checkpoint);
    }

    TrainingCheckpoint at(int epoch, int batch) {
      return checkpoints.stream()
          .filter(c -> c.epoch() == epoch && c.batch() == batch)
          .findFirst()
          .orElseThrow();
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aCheckpointIsRefusedByAnyOtherRun(ModelSpec spec, Dataset data) {
    Kernel kernel = Kernel.forSpec(spec);
    Model start = kernel.initialize(1);
    Recorder recorder = new Recorder();
    kernel.train(start, data, HYPER, EPOCHS, SEED, 1, recorder);
    TrainingCheckpoint checkpoint = recorder.at(2, 3);
    float[] y = data.y().clone();
    y[500] = y[500] == 0 ? 1 : 0;
    Dataset otherLabels = new Dataset(data.rows(), data.features(), data.x(), y);
    double[] p = start.parameters();
    p[0] += 1e-9;
    Model otherStart = Model.of(spec, p);
    Hyperparameters otherHyper = new Hyperparameters(0.05, 0.8, 1e-3, 100);

    assertRefused(
        () -> kernel.train(start, data, HYPER, EPOCHS, SEED + 1, 1, null, checkpoint), "seed");
    assertRefused(
        () -> kernel.train(start, data, HYPER, EPOCHS + 1, SEED, 1, null, checkpoint), "epochs");
    assertRefused(
        () -> kernel.train(start, data, otherHyper, EPOCHS, SEED, 1, null, checkpoint),
        "momentum=0.8");
    assertRefused(
        () -> kernel.train(start, otherLabels, HYPER, EPOCHS, SEED, 1, null, checkpoint),
        "another start model or data");
    assertRefused(
        () -> kernel.train(otherStart, data, HYPER, EPOCHS, SEED, 1, null, checkpoint),
        "another start model or data");
    Dataset fewerRows = TestData.random(900, spec.inputs(), 1, 1);
    assertRefused(
        () -> kernel.train(start, fewerRows, HYPER, EPOCHS, SEED, 1, null, checkpoint), "rows");
  }

  private static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("belongs to another run")
        .hasMessageContaining(reason);
  }
}
