package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.core.data.Dataset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pause hook holds training between mini-batches and lets a cancellation through. */
class PauseHookTest {
  private static final ModelSpec SPEC = ModelSpec.mlp(10, List.of(8), 3);
  private static final Dataset DATA = TestData.random(2000, 10, 3, 1);
  private static final Hyperparameters HYPER = new Hyperparameters(0.1, 0.9, 0, 100);

  @Test
  void aBlockingPauseHoldsTrainingUntilReleasedAndChangesNoBit() throws Exception {
    Kernel kernel = Kernel.forSpec(SPEC);
    Model start = kernel.initialize(0);
    TrainingResult plain = kernel.train(start, DATA, HYPER, 2, 5, 1, TrainingListener.NONE);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    AtomicInteger epochs = new AtomicInteger();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int total, double meanLoss) {
            epochs.incrementAndGet();
          }

          @Override
          public void batchFinished(int epoch, int total, int batch, int batchCount) {
            batches.incrementAndGet();
          }

          @Override
          public void awaitPermission() throws InterruptedException {
            if (calls.incrementAndGet() == 5) {
              release.await();
            }
          }
        };

    CompletableFuture<TrainingResult> running =
        CompletableFuture.supplyAsync(() -> kernel.train(start, DATA, HYPER, 2, 5, 2, listener));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 5);
    // Held: nothing may move while the hook blocks. What is checked is that nothing happens, so
    // it takes a quiet window (as before this test used Awaitility); 300 ms is far longer than
    // all 40 mini-batches of this run take unheld.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(10))
        .until(() -> calls.get() == 5 && batches.get() == 4 && epochs.get() == 0);
    assertThat(running).isNotDone();
    release.countDown();
    TrainingResult paused = running.get(10, TimeUnit.SECONDS);

    assertThat(calls.get()).isEqualTo(2 * 20);
    assertThat(paused.model()).isEqualTo(plain.model());
    assertThat(paused.meanLoss()).isEqualTo(plain.meanLoss());
  }

  @Test
  void aCancellationEndsAPauseAndStopsTraining() throws Exception {
    Kernel kernel = Kernel.forSpec(SPEC);
    AtomicBoolean cancelled = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger waits = new AtomicInteger();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int total, double meanLoss) {}

          @Override
          public boolean isCancelled() {
            return cancelled.get();
          }

          @Override
          public void awaitPermission() throws InterruptedException {
            waits.incrementAndGet();
            stopped.await(); // suspended until stopped
          }
        };
    CompletableFuture<TrainingResult> running =
        CompletableFuture.supplyAsync(
            () -> kernel.train(kernel.initialize(0), DATA, HYPER, 2, 5, 1, listener));
    await().atMost(Duration.ofSeconds(10)).until(() -> waits.get() == 1); // in the pause

    cancelled.set(true);
    stopped.countDown();

    assertThat(running)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(TrainingListener.CancelledException.class);
    assertThat(waits.get()).isEqualTo(1);
  }

  @Test
  void anInterruptDuringAPauseStopsTrainingAndKeepsTheInterruptFlag() throws Exception {
    Kernel kernel = Kernel.forSpec(SPEC);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch pausing = new CountDownLatch(1);
    AtomicBoolean flagAfter = new AtomicBoolean();
    AtomicBoolean cancelledException = new AtomicBoolean();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int total, double meanLoss) {}

          @Override
          public void awaitPermission() throws InterruptedException {
            pausing.countDown();
            never.await();
          }
        };
    Thread trainer =
        new Thread(
            () -> {
              try {
                kernel.train(kernel.initialize(0), DATA, HYPER, 2, 5, 1, listener);
              } catch (TrainingListener.CancelledException e) {
                cancelledException.set(true);
                flagAfter.set(Thread.currentThread().isInterrupted());
              }
            });
    trainer.start();
    assertThat(pausing.await(10, TimeUnit.SECONDS)).isTrue();
    // inside the pause's wait, not on the way to it
    await().atMost(Duration.ofSeconds(10)).until(() -> trainer.getState() == Thread.State.WAITING);

    trainer.interrupt();
    trainer.join(5_000);

    assertThat(trainer.isAlive()).isFalse();
    assertThat(cancelledException).isTrue();
    assertThat(flagAfter).isTrue();
  }

  @Test
  void reportsEachMiniBatchInOrder() {
    Kernel kernel = Kernel.forSpec(SPEC);
    java.util.List<String> positions = new java.util.ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void epochFinished(int epoch, int total, double meanLoss) {
            positions.add("end " + epoch);
          }

          @Override
          public void batchFinished(int epoch, int epochs, int batch, int batches) {
            positions.add(epoch + "/" + epochs + " " + batch + "/" + batches);
          }
        };
    kernel.train(kernel.initialize(0), DATA, HYPER, 2, 5, 1, listener);

    // 2,000 rows in batches of 100: 20 per epoch, each epoch's end after its last batch
    assertThat(positions).hasSize(2 * 21);
    assertThat(positions.subList(0, 2)).containsExactly("1/2 1/20", "1/2 2/20");
    assertThat(positions.subList(19, 23))
        .containsExactly("1/2 20/20", "end 1", "2/2 1/20", "2/2 2/20");
    assertThat(positions.get(41)).isEqualTo("end 2");
  }
}
