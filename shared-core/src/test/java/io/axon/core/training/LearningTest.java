package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.axon.core.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernels actually learn: sanity checks on problems with known answers. */
class LearningTest {

  @Test
  void logisticRegressionSeparatesLinearlySeparableData() {
    Kernel kernel = Kernel.forSpec(ModelSpec.logistic(10));
    Dataset train = TestData.separable(3000, 10, 1);
    Dataset test = TestData.separable(1000, 10, 1);
    TrainingResult result =
        kernel.train(
            kernel.initialize(1),
            train,
            new Hyperparameters(0.5, 0.9, 0, 32),
            10,
            2,
            2,
            TrainingListener.NONE);
    Evaluation evaluation = kernel.evaluate(result.model(), test);
    assertThat(evaluation.accuracy()).isGreaterThan(0.95);
    assertThat(evaluation.loss()).isLessThan(0.2);
    assertThat(evaluation.rows()).isEqualTo(1000);
  }

  @Test
  void softmaxRegressionClassifiesBlobs() {
    Kernel kernel = Kernel.forSpec(ModelSpec.softmax(5, 4));
    Dataset data = TestData.blobs(2000, 5, 4, 3);
    Evaluation before = kernel.evaluate(kernel.initialize(0), data);
    TrainingResult result =
        kernel.train(
            kernel.initialize(0),
            data,
            new Hyperparameters(0.2, 0.9, 1e-4, 64),
            5,
            4,
            1,
            TrainingListener.NONE);
    Evaluation after = kernel.evaluate(result.model(), data);
    assertThat(before.loss()).isCloseTo(Math.log(4), within(1e-12));
    assertThat(after.accuracy()).isGreaterThan(0.95);
    assertThat(after.loss()).isLessThan(before.loss() / 4);
  }

  @Test
  void linearRegressionRecoversTheCoefficients() {
    double[] coefficients = {1.5, -2.0, 0.5, 3.0};
    Kernel kernel = Kernel.forSpec(ModelSpec.linear(4));
    Dataset data = TestData.linear(4000, coefficients, -0.7, 5);
    TrainingResult result =
        kernel.train(
            kernel.initialize(0),
            data,
            new Hyperparameters(0.1, 0.9, 0, 16),
            20,
            6,
            1,
            TrainingListener.NONE);
    double[] w = result.model().parameters();
    for (int k = 0; k < coefficients.length; k++) {
      assertThat(w[k]).as("coefficient %d", k).isCloseTo(coefficients[k], within(0.02));
    }
    assertThat(w[4]).as("intercept").isCloseTo(-0.7, within(0.02));
    Evaluation evaluation = kernel.evaluate(result.model(), data);
    assertThat(evaluation.accuracy()).isNaN();
    assertThat(evaluation.loss()).isLessThan(1e-3);
  }

  @Test
  void mlpLearnsConcentricCirclesThatNoLinearModelCanSeparate() {
    Dataset train = TestData.circles(2000, 7);
    Dataset test = TestData.circles(500, 8);
    Kernel linear = Kernel.forSpec(ModelSpec.softmax(2, 2));
    Kernel mlp = Kernel.forSpec(ModelSpec.mlp(2, List.of(16, 16), 2));
    Hyperparameters hyper = new Hyperparameters(0.1, 0.9, 1e-4, 32);

    Model lr =
        linear.train(linear.initialize(1), train, hyper, 30, 2, 1, TrainingListener.NONE).model();
    Model net = mlp.train(mlp.initialize(1), train, hyper, 30, 2, 2, TrainingListener.NONE).model();

    assertThat(linear.evaluate(lr, test).accuracy()).isLessThan(0.7);
    assertThat(mlp.evaluate(net, test).accuracy()).isGreaterThan(0.95);
  }

  @Test
  void trainingLossFallsFromEpochToEpochAndIsReportedPerEpoch() {
    Kernel kernel = Kernel.forSpec(ModelSpec.mlp(8, List.of(12), 3));
    Dataset data = TestData.blobs(1500, 8, 3, 9);
    double[] losses = new double[4];
    int[] calls = new int[1];
    TrainingListener listener =
        (epoch, epochs, meanLoss) -> {
          assertThat(epochs).isEqualTo(4);
          losses[epoch - 1] = meanLoss;
          calls[0]++;
        };
    TrainingResult result =
        kernel.train(
            kernel.initialize(3), data, new Hyperparameters(0.05, 0.9, 0, 32), 4, 1, 2, listener);
    assertThat(calls[0]).isEqualTo(4);
    assertThat(losses[3]).isLessThan(losses[0]);
    assertThat(result.meanLoss()).isEqualTo(losses[3]);
  }

  @Test
  void mlpInitializationIsSeededAndScaledByFanIn() {
    Kernel kernel = Kernel.forSpec(ModelSpec.mlp(100, List.of(50), 10));
    Model a = kernel.initialize(5);
    assertThat(kernel.initialize(5)).isEqualTo(a);
    assertThat(kernel.initialize(6)).isNotEqualTo(a);
    double limit = Math.sqrt(6.0 / 100);
    double max = 0;
    for (int i = 0; i < 100 * 50; i++) {
      max = Math.max(max, Math.abs(a.parameter(i)));
    }
    assertThat(max).isLessThanOrEqualTo(limit).isGreaterThan(0.9 * limit);
    for (int i = 100 * 50; i < 100 * 50 + 50; i++) {
      assertThat(a.parameter(i)).as("hidden bias %d", i).isZero();
    }
  }
}
