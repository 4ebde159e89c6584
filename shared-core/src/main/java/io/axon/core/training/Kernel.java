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
 * JVM, whatever {@code threads} is. Momentum buffers start at zero for each call to {@code train}
 * unless it resumes from a {@link TrainingCheckpoint}, which carries them over.
 */
public interface Kernel {

  /** The model shape this kernel trains. */
  ModelSpec spec();

  /** A freshly initialized model, seeded. */
  Model initialize(long seed);

  /**
   * Trains {@code start} for {@code epochs} passes over {@code data} on {@code threads} threads
   * (threads only share out work: the result is the same for any count). {@code listener} may be
   * null.
   *
   * <p>Each epoch visits the data's fixed blocks of 32 consecutive rows (the last may be shorter)
   * in an order shuffled by a generator seeded with {@code seed} (Fisher-Yates over block indices,
   * one split of the generator per epoch), the rows of a block in data order, and cuts that
   * sequence into mini-batches. It is still stochastic gradient descent as long as the rows of
   * {@code data} are in random order to begin with, which the coordinator ensures: shards are cut
   * from the training part of a seeded shuffle ({@code Splits.holdout}). Shuffling blocks instead
   * of rows reads memory sequentially within a block.
   *
   * @throws IllegalArgumentException if the model is of another spec, the data has the wrong width,
   *     no rows or a label invalid for the kind (the message names the 1-based row), or epochs or
   *     threads are below 1
   * @throws TrainingListener.CancelledException if the listener asked to stop
   */
  default TrainingResult train(
      Model start,
      Dataset data,
      Hyperparameters hyperparameters,
      int epochs,
      long seed,
      int threads,
      TrainingListener listener) {
    return train(start, data, hyperparameters, epochs, seed, threads, listener, null);
  }

  /**
   * Trains as {@link #train(Model, Dataset, Hyperparameters, int, long, int, TrainingListener)
   * train} does, but continues from {@code resumeFrom} if it is not null: a checkpoint this run
   * (the same start model, data, hyperparameters, epochs and seed) handed to its listener's {@link
   * TrainingListener#checkpoint checkpoint} earlier, perhaps in another process. The result is the
   * same to the bit as that of a run never interrupted: model, mean loss, samples and flops, for
   * any {@code threads}. Only epochs finished after the checkpoint are reported to the listener.
   *
   * <p>The block order of the epoch in progress is derived again from {@code seed} (the generator
   * is split once per epoch, so epoch {@code e} uses its {@code e}-th split), and the momentum
   * velocity and the epoch's running loss come from the checkpoint.
   *
   * @throws CheckpointException if {@code resumeFrom} belongs to another run (another spec, seed,
   *     epochs, hyperparameters, row count, start model or data); nothing is trained then
   * @throws IllegalArgumentException as the other overload does
   * @throws TrainingListener.CancelledException if the listener asked to stop
   */
  TrainingResult train(
      Model start,
      Dataset data,
      Hyperparameters hyperparameters,
      int epochs,
      long seed,
      int threads,
      TrainingListener listener,
      TrainingCheckpoint resumeFrom);

  /** Mean loss and (for classifiers) accuracy of {@code model} on {@code data}. */
  Evaluation evaluate(Model model, Dataset data);

  /**
   * The exact number of floating-point operations {@link #train} performs for this many rows,
   * epochs and batch size; credit is based on it, and {@link TrainingResult#flops} equals it.
   *
   * <p>Convention: each double addition, subtraction, multiplication, division, {@code exp} and
   * {@code log} counts one. Comparisons, max, ReLU, sign changes, conversions, integer arithmetic
   * and the shuffle count zero. Per row and layer of {@code in} inputs and {@code out} outputs:
   * {@code 2*in*out} forward, {@code 2*in*out + out} for the gradients, and {@code 2*in*out} to
   * propagate the error below (all layers but the first). Per row for the loss: 8 (LOGISTIC, plus 2
   * per block of 32 rows), 4 (LINEAR) or {@code 4*classes + 5} (SOFTMAX, MLP). Per mini-batch of
   * {@code b} blocks over {@code P} parameters, {@code W} of them weights: {@code (b-1)*P + b + 5*P
   * + 2*W + 1}; per epoch 1. The counts do not depend on the data or on {@code threads}.
   *
   * @throws IllegalArgumentException if rows or epochs are negative or batchSize is below 1
   */
  long flops(int rows, int epochs, int batchSize);

  /** The kernel for {@code spec}. */
  static Kernel forSpec(ModelSpec spec) {
    return Kernels.forSpec(spec);
  }
}
