package io.axon.core.bench;

import io.axon.core.data.Dataset;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelSpec;
import io.axon.core.training.TrainingListener;
import java.util.List;
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
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.TimeFunction;
import smile.math.blas.BLAS;

/**
 * Our MLP kernel against Smile's MLP, both 784-128-10 (ReLU, softmax cross-entropy), mini-batches
 * of {@value #BATCH} rows, SGD with momentum 0.9 and weight decay 1e-4, single-threaded (the {@code
 * bench} profile sets {@code OPENBLAS_NUM_THREADS=1} for Smile's native BLAS). Data: MNIST shaped
 * synthetic rows, about 20% of the pixels non-zero. One operation is one training sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MlpBenchmark {
  static final int ROWS = 2048;
  static final int BATCH = 64;
  static final int INPUTS = 784;
  static final int HIDDEN = 128;
  static final int CLASSES = 10;
  static final double LEARNING_RATE = 0.01;

  private Dataset data;
  private double[][][] batchesX;
  private int[][] batchesY;
  private Kernel kernel;
  private Model start;
  private Hyperparameters hyper;
  private MLP smile;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(2026);
    float[] features = new float[ROWS * INPUTS];
    float[] labels = new float[ROWS];
    batchesX = new double[ROWS / BATCH][BATCH][INPUTS];
    batchesY = new int[ROWS / BATCH][BATCH];
    for (int i = 0; i < ROWS; i++) {
      int label = random.nextInt(CLASSES);
      labels[i] = label;
      batchesY[i / BATCH][i % BATCH] = label;
      for (int k = 0; k < INPUTS; k++) {
        float v = random.nextDouble() < 0.2 ? (float) random.nextDouble() : 0f;
        features[i * INPUTS + k] = v;
        batchesX[i / BATCH][i % BATCH][k] = v;
      }
    }
    data = new Dataset(ROWS, INPUTS, features, labels);
    kernel = Kernel.forSpec(ModelSpec.mlp(INPUTS, List.of(HIDDEN), CLASSES));
    start = kernel.initialize(1);
    hyper = new Hyperparameters(LEARNING_RATE, 0.9, 1e-4, BATCH);

    // Fails loudly here if Smile's OpenBLAS natives (bytedeco) do not load.
    System.out.println("Smile BLAS engine: " + BLAS.engine.getClass().getName());
    smile =
        new MLP(
            Layer.input(INPUTS),
            Layer.rectifier(HIDDEN),
            Layer.mle(CLASSES, OutputFunction.SOFTMAX));
    smile.setLearningRate(TimeFunction.constant(LEARNING_RATE));
    smile.setMomentum(TimeFunction.constant(0.9));
    smile.setWeightDecay(1e-4);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Model axonMlp() {
    return kernel.train(start, data, hyper, 1, 7, 1, TrainingListener.NONE).model();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public MLP smileMlp() {
    for (int b = 0; b < batchesX.length; b++) {
      smile.update(batchesX[b], batchesY[b]);
    }
    return smile;
  }
}
