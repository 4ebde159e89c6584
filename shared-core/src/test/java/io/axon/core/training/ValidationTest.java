package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records and kernels reject bad input with messages a user understands. */
class ValidationTest {
  private static final Hyperparameters OK = new Hyperparameters(0.1, 0.9, 0.001, 32);

  @Test
  void hyperparametersOutOfRangeAreRejectedWithTheirName() {
    assertThatThrownBy(() -> new Hyperparameters(0, 0.9, 0, 32))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new Hyperparameters(Double.NaN, 0.9, 0, 32))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new Hyperparameters(0.1, 1.0, 0, 32))
        .hasMessageContaining("momentum must be in [0, 1)");
    assertThatThrownBy(() -> new Hyperparameters(0.1, 0.5, -1, 32)).hasMessageContaining("l2");
    assertThatThrownBy(() -> new Hyperparameters(0.1, 0.5, 0, 0)).hasMessageContaining("batchSize");
  }

  @Test
  void modelSpecsWithImpossibleShapesAreRejected() {
    assertThatThrownBy(() -> new ModelSpec(ModelKind.LOGISTIC, 3, 2, List.of()))
        .hasMessageContaining("exactly one output");
    assertThatThrownBy(() -> ModelSpec.softmax(3, 1)).hasMessageContaining("at least two classes");
    assertThatThrownBy(() -> new ModelSpec(ModelKind.SOFTMAX, 3, 2, List.of(4)))
        .hasMessageContaining("only MLP has hidden layers");
    assertThatThrownBy(() -> ModelSpec.mlp(3, List.of(), 2))
        .hasMessageContaining("at least one hidden layer");
    assertThatThrownBy(() -> ModelSpec.mlp(3, List.of(4, 0), 2))
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> ModelSpec.logistic(0)).hasMessageContaining("at least one input");
    assertThat(ModelSpec.mlp(784, List.of(128), 10).parameterCount()).isEqualTo(101_770);
  }

  @Test
  void trainingRejectsADatasetOfTheWrongWidth() {
    Kernel kernel = Kernel.forSpec(ModelSpec.logistic(4));
    Dataset data = TestData.separable(10, 5, 1);
    assertThatThrownBy(() -> kernel.train(kernel.initialize(0), data, OK, 1, 0, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 features but the model takes 4");
  }

  @Test
  void trainingNamesTheFirstRowWithAnInvalidLabel() {
    Kernel kernel = Kernel.forSpec(ModelSpec.softmax(2, 3));
    Dataset data = new Dataset(3, 2, new float[6], new float[] {0, 2, 3});
    assertThatThrownBy(() -> kernel.train(kernel.initialize(0), data, OK, 1, 0, 1, null))
        .hasMessageContaining("row 3 has label 3.0");
    Kernel logistic = Kernel.forSpec(ModelSpec.logistic(2));
    Dataset half = new Dataset(2, 2, new float[4], new float[] {1, 0.5f});
    assertThatThrownBy(() -> logistic.train(logistic.initialize(0), half, OK, 1, 0, 1, null))
        .hasMessageContaining("row 2 has label 0.5");
  }

  @Test
  void trainingRejectsAModelOfAnotherSpecAndNonsenseCounts() {
    Kernel kernel = Kernel.forSpec(ModelSpec.logistic(2));
    Model other = Kernel.forSpec(ModelSpec.linear(2)).initialize(0);
    Dataset data = TestData.separable(10, 2, 1);
    assertThatThrownBy(() -> kernel.train(other, data, OK, 1, 0, 1, null))
        .hasMessageContaining("this kernel trains");
    assertThatThrownBy(() -> kernel.train(kernel.initialize(0), data, OK, 0, 0, 1, null))
        .hasMessageContaining("epochs");
    assertThatThrownBy(() -> kernel.train(kernel.initialize(0), data, OK, 1, 0, 0, null))
        .hasMessageContaining("threads");
    Dataset empty = new Dataset(0, 2, new float[0], new float[0]);
    assertThatThrownBy(() -> kernel.train(kernel.initialize(0), empty, OK, 1, 0, 1, null))
        .hasMessageContaining("no rows");
  }

  @Test
  void evaluatingAnEmptyDatasetGivesNaNAndZeroRows() {
    Kernel kernel = Kernel.forSpec(ModelSpec.logistic(2));
    Evaluation evaluation =
        kernel.evaluate(kernel.initialize(0), new Dataset(0, 2, new float[0], new float[0]));
    assertThat(evaluation.loss()).isNaN();
    assertThat(evaluation.accuracy()).isNaN();
    assertThat(evaluation.rows()).isZero();
  }
}
