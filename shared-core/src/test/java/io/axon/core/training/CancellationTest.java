package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.axon.core.data.Dataset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Training stops between mini-batches when asked and leaves no threads behind. */
class CancellationTest {

  @Test
  void cancellingBetweenMiniBatchesStopsTrainingWithCancelledException() {
    Kernel kernel = Kernel.forSpec(ModelSpec.mlp(10, List.of(8), 3));
    Dataset data = TestData.random(2000, 10, 3, 1);
    AtomicInteger polls = new AtomicInteger();
    AtomicInteger epochs = new AtomicInteger();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int total, double meanLoss) {
            epochs.incrementAndGet();
          }

          @Override
          public boolean isCancelled() {
            return polls.incrementAndGet() > 5;
          }
        };
    assertThatThrownBy(
            () ->
                kernel.train(
                    kernel.initialize(0),
                    data,
                    new Hyperparameters(0.1, 0.9, 0, 100),
                    50,
                    0,
                    3,
                    listener))
        .isInstanceOf(TrainingListener.CancelledException.class);
    assertThat(polls.get()).isEqualTo(6);
    assertThat(epochs.get()).isZero();
  }

  @Test
  void trainingOnSeveralThreadsLeavesNoWorkerThreadsRunning() {
    Kernel kernel = Kernel.forSpec(ModelSpec.mlp(10, List.of(8), 3));
    Dataset data = TestData.random(2000, 10, 3, 1);
    kernel.train(
        kernel.initialize(0),
        data,
        new Hyperparameters(0.1, 0.9, 0, 512),
        2,
        0,
        4,
        TrainingListener.NONE);
    // the workers end just after train returns; a leaked one would never end
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> kernelThreads() == 0);
  }

  private static long kernelThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("axon-kernel-") && t.isAlive())
        .count();
  }
}
