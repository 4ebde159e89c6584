package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Analytic gradients (the code path SGD uses) against central differences of the objective. */
class GradientCheckTest {
  private static final double L2 = 0.05;

  @Test
  void logisticGradientMatchesCentralDifferences() {
    check(ModelSpec.logistic(4), TestData.separable(45, 4, 1));
  }

  @Test
  void softmaxGradientMatchesCentralDifferences() {
    check(ModelSpec.softmax(4, 3), TestData.blobs(45, 4, 3, 2));
  }

  @Test
  void linearGradientMatchesCentralDifferences() {
    check(ModelSpec.linear(3), TestData.linear(45, new double[] {1, -2, 0.5}, 0.3, 3));
  }

  @Test
  void mlpWithOneHiddenLayerGradientMatchesCentralDifferences() {
    check(ModelSpec.mlp(4, List.of(6), 3), TestData.blobs(45, 4, 3, 4));
  }

  @Test
  void mlpWithTwoHiddenLayersGradientMatchesCentralDifferences() {
    check(ModelSpec.mlp(5, List.of(7, 4), 3), TestData.random(70, 5, 3, 5));
  }

  @Test
  void fusedSingleOutputPathGivesTheSameBitsAsTheGeneralPath() {
    Hyperparameters hyper = new Hyperparameters(0.1, 0.9, 0.01, 50);
    for (ModelSpec spec : List.of(ModelSpec.logistic(6), ModelSpec.linear(6))) {
      Dataset data =
          spec.kind() == ModelKind.LOGISTIC
              ? TestData.separable(300, 6, 9)
              : TestData.linear(300, new double[] {1, 2, 3, -1, -2, -3}, 0.5, 9);
      Model start = randomModel(spec, 10);
      TrainingResult fused =
          new DenseKernel(new Network(spec, true))
              .train(start, data, hyper, 2, 11, 1, TrainingListener.NONE);
      TrainingResult general =
          new DenseKernel(new Network(spec, false))
              .train(start, data, hyper, 2, 11, 1, TrainingListener.NONE);
      assertThat(fused.model()).isEqualTo(general.model());
      assertThat(fused.meanLoss()).isEqualTo(general.meanLoss());
    }
  }

  private static void check(ModelSpec spec, Dataset data) {
    DenseKernel kernel = (DenseKernel) Kernel.forSpec(spec);
    double[] w = randomModel(spec, 42).parameters();
    double[] analytic = kernel.gradient(w, data, L2);
    double h = 1e-5;
    for (int i = 0; i < w.length; i++) {
      double[] plus = w.clone();
      double[] minus = w.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric =
          (kernel.objective(plus, data, L2) - kernel.objective(minus, data, L2)) / (2 * h);
      double scale = Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
      assertThat(Math.abs(numeric - analytic[i]) / scale)
          .as("parameter %d of %s: analytic %s, numeric %s", i, spec, analytic[i], numeric)
          .isLessThan(1e-5);
    }
  }

  /** Small non-zero parameters, so that every unit of an MLP is active somewhere. */
  static Model randomModel(ModelSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[spec.parameterCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble() - 0.5;
    }
    return Model.of(spec, w);
  }
}
