package io.axon.core.bench;

import io.axon.core.data.Dataset;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelSpec;
import io.axon.core.training.TrainingListener;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.classification.LogisticRegression;

/**
 * Our LOGISTIC kernel against Smile's online logistic regression update, single-threaded, on the
 * seed paper's shape: 10 float features, synthetic seeded data. One operation is one training
 * sample, so the scores are samples per second. Ours runs one epoch of {@link Kernel#train} per
 * invocation, which includes the epoch's shuffle (of 32-row blocks), label checks and the training
 * loss; Smile updates a fitted model row by row and computes no loss: in data order (its usual
 * online use), in a row-shuffled order, and in a 32-row-block-shuffled order like ours.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogisticRegressionBenchmark {
  static final int ROWS = 100_000;
  static final int FEATURES = 10;
  static final double LEARNING_RATE = 0.01;

  private Dataset data;
  private double[][] x;
  private int[] y;
  private int[] permutation;
  private int[] blockPermutation;
  private Kernel kernel;
  private Model start;
  private LogisticRegression.Binomial smile;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(2026);
    double[] truth = new double[FEATURES];
    for (int k = 0; k < FEATURES; k++) {
      truth[k] = 2 * random.nextDouble() - 1;
    }
    float[] features = new float[ROWS * FEATURES];
    float[] labels = new float[ROWS];
    x = new double[ROWS][FEATURES];
    y = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      double z = 0;
      for (int k = 0; k < FEATURES; k++) {
        float v = (float) (2 * random.nextDouble() - 1);
        features[i * FEATURES + k] = v;
        x[i][k] = v;
        z += truth[k] * v;
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
      labels[i] = y[i];
    }
    data = new Dataset(ROWS, FEATURES, features, labels);
    kernel = Kernel.forSpec(ModelSpec.logistic(FEATURES));
    start = kernel.initialize(1);
    permutation = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      permutation[i] = i;
    }
    for (int i = ROWS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
    }
    int blocks = ROWS / 32;
    int[] blockOrder = new int[blocks];
    for (int b = 0; b < blocks; b++) {
      blockOrder[b] = b;
    }
    for (int b = blocks - 1; b > 0; b--) {
      int j = random.nextInt(b + 1);
      int t = blockOrder[b];
      blockOrder[b] = blockOrder[j];
      blockOrder[j] = t;
    }
    blockPermutation = new int[ROWS];
    for (int b = 0; b < blocks; b++) {
      for (int r = 0; r < 32; r++) {
        blockPermutation[b * 32 + r] = blockOrder[b] * 32 + r;
      }
    }
    smile = LogisticRegression.binomial(Arrays.copyOf(x, 1000), Arrays.copyOf(y, 1000));
    smile.setLearningRate(LEARNING_RATE);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Model axonBatch32() {
    return train(32);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Model axonBatch256() {
    return train(256);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Model axonBatch1() {
    return train(1);
  }

  /**
   * Smile visiting the rows in a shuffled order, as one SGD epoch must (the permutation is made
   * once in setup and not timed; ours shuffles inside the timed call).
   */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double smileOnlineUpdateShuffled() {
    for (int i = 0; i < ROWS; i++) {
      int row = permutation[i];
      smile.update(x[row], y[row]);
    }
    return smile.coefficients()[0];
  }

  /**
   * Smile visiting whole 32-row blocks in a shuffled order, rows of a block in data order: the
   * order our kernels use (made once in setup and not timed).
   */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double smileOnlineUpdateBlockShuffled() {
    for (int i = 0; i < ROWS; i++) {
      int row = blockPermutation[i];
      smile.update(x[row], y[row]);
    }
    return smile.coefficients()[0];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double smileOnlineUpdate() {
    for (int i = 0; i < ROWS; i++) {
      smile.update(x[i], y[i]);
    }
    return smile.coefficients()[0];
  }

  private Model train(int batchSize) {
    Hyperparameters hyper = new Hyperparameters(LEARNING_RATE, 0.0, 0.0, batchSize);
    return kernel.train(start, data, hyper, 1, 7, 1, TrainingListener.NONE).model();
  }
}
