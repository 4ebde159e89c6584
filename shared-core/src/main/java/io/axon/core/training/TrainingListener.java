package io.axon.core.training;

/**
 * Progress callbacks from a running {@link Kernel#train}. Called on the training thread.
 *
 * <p>Between two mini-batches the kernel asks, in this order: {@link #checkpointDue()} (and if so
 * hands a {@link #checkpoint} over), then {@link #awaitPermission()}, then {@link #isCancelled()}.
 * So a listener that is about to pause or stop can ask for a checkpoint first, and a pause that
 * ends because of a cancellation is followed by the cancellation at once. All but {@link
 * #epochFinished} have defaults that checkpoint nothing, never pause and never cancel.
 */
public interface TrainingListener {
  TrainingListener NONE = (epoch, epochs, meanLoss) -> {};

  /** Called after each finished epoch (1-based) with that epoch's mean training loss. */
  void epochFinished(int epoch, int epochs, double meanLoss);

  /**
   * Called after each mini-batch: {@code batch} of the {@code batches} mini-batches of epoch {@code
   * epoch} (both 1-based) of {@code epochs} are done. Called very often, so it must be cheap (no
   * clock read, no I/O); it lets a progress bar move within a long epoch. The default does nothing.
   */
  default void batchFinished(int epoch, int epochs, int batch, int batches) {}

  /** Polled between mini-batches; returning true stops training with {@link CancelledException}. */
  default boolean isCancelled() {
    return false;
  }

  /**
   * Polled between mini-batches, so it must be cheap (a clock read, a flag); returning true makes
   * the kernel call {@link #checkpoint} before the next mini-batch.
   */
  default boolean checkpointDue() {
    return false;
  }

  /**
   * Receives the run's state before the next mini-batch, after {@link #checkpointDue()} returned
   * true. Training waits until this returns, so write it out here (or hand the immutable checkpoint
   * to another thread); passing it to {@link Kernel#train(Model, io.axon.core.data.Dataset,
   * Hyperparameters, int, long, int, TrainingListener, TrainingCheckpoint) train} later continues
   * the run to the same bits.
   */
  default void checkpoint(TrainingCheckpoint checkpoint) {}

  /**
   * The pause hook, called between mini-batches: it may block for as long as training must not run
   * (a CPU throttle's rest phase, a suspension while on battery or while the user is active) and
   * returns when it may go on. The default returns at once. Pausing changes no result.
   *
   * <p>An implementation that blocks must return promptly once {@link #isCancelled()} turns true,
   * so that a stop is not held up by a pause; the kernel then stops with {@link
   * CancelledException}. If the training thread is interrupted while waiting, throw {@link
   * InterruptedException}: the kernel restores the interrupt flag and stops the same way.
   */
  default void awaitPermission() throws InterruptedException {}

  /** Thrown by {@link Kernel#train} when the listener asked to stop. */
  final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
      super("training cancelled");
    }
  }
}
