package io.axon.core.training;

/** Progress callbacks from a running {@link Kernel#train}. Called on the training thread. */
public interface TrainingListener {
  TrainingListener NONE = (epoch, epochs, meanLoss) -> {};

  /** Called after each finished epoch (1-based) with that epoch's mean training loss. */
  void epochFinished(int epoch, int epochs, double meanLoss);

  /** Polled between mini-batches; returning true stops training with {@link CancelledException}. */
  default boolean isCancelled() {
    return false;
  }

  /** Thrown by {@link Kernel#train} when the listener asked to stop. */
  final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
      super("training cancelled");
    }
  }
}
