package io.axon.core.training;

import io.axon.core.data.Dataset;

/**
 * A built-in training kernel: mini-batch SGD with momentum and L2 on one {@link ModelSpec}.
 *
 * <p>Lifecycle of one work unit: the coordinator {@link #initialize initializes} a model once per
 * job; a volunteer {@link #train trains} it for some epochs on its shard; the coordinator averages
 * the returned models ({@link ModelAveraging}) and {@link #evaluate evaluates} the average on the
 * holdout.
 *
 * <p>Every method is deterministic to the bit: the same inputs give the same output bits on every
 * JVM, whatever {@code threads} is. Momentum buffers start at zero for each call to {@code train}.
 */
public interface Kernel {

  /** The model shape this kernel trains. */
  ModelSpec spec();

  /** A freshly initialized model, seeded. */
  Model initialize(long seed);

  /**
   * Trains {@code start} for {@code epochs} passes over {@code data}, shuffled each epoch by a
   * generator seeded with {@code seed}, on {@code threads} threads.
   */
  TrainingResult train(
      Model start,
      Dataset data,
      Hyperparameters hyperparameters,
      int epochs,
      long seed,
      int threads,
      TrainingListener listener);

  /** Mean loss and (for classifiers) accuracy of {@code model} on {@code data}. */
  Evaluation evaluate(Model model, Dataset data);

  /**
   * The exact number of floating-point operations {@link #train} performs for this many rows,
   * epochs and batch size; credit is based on it.
   */
  long flops(int rows, int epochs, int batchSize);

  /** The kernel for {@code spec}. */
  static Kernel forSpec(ModelSpec spec) {
    return Kernels.forSpec(spec);
  }
}
