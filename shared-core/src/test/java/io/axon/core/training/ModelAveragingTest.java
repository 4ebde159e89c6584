package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelAveragingTest {
  private static final ModelSpec SPEC = ModelSpec.linear(2);

  @Test
  void averagesParametersWeightedByShardRows() {
    Model a = Model.of(SPEC, new double[] {1, 2, 3});
    Model b = Model.of(SPEC, new double[] {4, 8, -3});
    Model average = ModelAveraging.weightedAverage(List.of(a, b), new long[] {1, 3});
    assertThat(average.parameters()).containsExactly(3.25, 6.5, -1.5);
    assertThat(average.spec()).isEqualTo(SPEC);
  }

  @Test
  void theAverageOfOneModelIsThatModel() {
    Model a = GradientCheckTest.randomModel(ModelSpec.mlp(3, List.of(4), 2), 1);
    assertThat(ModelAveraging.weightedAverage(List.of(a), new long[] {7})).isEqualTo(a);
  }

  @Test
  void averagingIsDeterministicInListOrder() {
    ModelSpec spec = ModelSpec.mlp(6, List.of(5), 3);
    List<Model> models =
        List.of(
            GradientCheckTest.randomModel(spec, 1),
            GradientCheckTest.randomModel(spec, 2),
            GradientCheckTest.randomModel(spec, 3));
    long[] weights = {1000, 999, 1001};
    Model first = ModelAveraging.weightedAverage(models, weights);
    Model again = ModelAveraging.weightedAverage(List.copyOf(models), weights.clone());
    assertThat(ModelFormat.sha256(again)).isEqualTo(ModelFormat.sha256(first));
    for (int i = 0; i < spec.parameterCount(); i++) {
      double expected =
          1000 / 3000.0 * models.get(0).parameter(i)
              + 999 / 3000.0 * models.get(1).parameter(i)
              + 1001 / 3000.0 * models.get(2).parameter(i);
      assertThat(first.parameter(i)).isEqualTo(expected);
    }
  }

  @Test
  void rejectsEmptyListsMismatchedWeightsAndNonPositiveWeights() {
    Model a = Model.of(SPEC, new double[3]);
    assertThatThrownBy(() -> ModelAveraging.weightedAverage(List.of(), new long[0]))
        .hasMessageContaining("at least one model");
    assertThatThrownBy(() -> ModelAveraging.weightedAverage(List.of(a, a), new long[] {1}))
        .hasMessageContaining("one weight per model");
    assertThatThrownBy(() -> ModelAveraging.weightedAverage(List.of(a, a), new long[] {1, 0}))
        .hasMessageContaining("model 1 has 0");
  }

  @Test
  void rejectsModelsOfDifferentSpecs() {
    Model a = Model.of(SPEC, new double[3]);
    Model b = Model.of(ModelSpec.logistic(2), new double[3]);
    assertThatThrownBy(() -> ModelAveraging.weightedAverage(List.of(a, b), new long[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 1 is a");
  }
}
