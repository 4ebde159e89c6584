package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustAggregationTest {
  private static final ModelSpec SPEC = ModelSpec.linear(2);

  private static Model model(double... parameters) {
    return Model.of(SPEC, parameters);
  }

  @Test
  void medianTakesTheMiddleValueOfEachCoordinate() {
    Model median =
        RobustAggregation.median(List.of(model(1, 50, -3), model(2, 40, 7), model(1000, -60, 0)));

    assertThat(median.parameters()).containsExactly(2, 40, 0);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    Model median =
        RobustAggregation.median(
            List.of(model(1, 0, 0), model(3, 0, 1), model(100, 0, 2), model(-100, 0, 3)));

    assertThat(median.parameters()).containsExactly(2, 0, 1.5);
  }

  @Test
  void medianIgnoresADishonestMinority() {
    Model honest = model(0.5, -0.25, 1.0);
    Model poisoned = model(1e12, -1e12, 1e12);

    assertThat(RobustAggregation.median(List.of(honest, poisoned, honest, honest, poisoned)))
        .isEqualTo(honest);
  }

  @Test
  void trimmedMeanDropsTheExtremesAtBothEnds() {
    List<Model> models =
        List.of(
            model(1, 10, 0),
            model(2, 20, 0),
            model(3, 30, 0),
            model(4, 40, 0),
            model(1e9, -1e9, 0));

    // floor(0.2 * 5) = 1 cut at each end: the mean of the middle three
    assertThat(RobustAggregation.trimmedMean(models, 0.2).parameters()).containsExactly(3, 20, 0);
  }

  @Test
  void trimmedMeanWithoutTrimmingIsThePlainMean() {
    assertThat(
            RobustAggregation.trimmedMean(List.of(model(1, 2, 3), model(3, 4, 5)), 0.0)
                .parameters())
        .containsExactly(2, 3, 4);
  }

  @Test
  void bothAreIndependentOfTheOrderOfTheModels() {
    ModelSpec spec = ModelSpec.mlp(4, List.of(3), 2);
    List<Model> models = new ArrayList<>();
    for (int seed = 1; seed <= 7; seed++) {
      models.add(GradientCheckTest.randomModel(spec, seed));
    }
    List<Model> shuffled = new ArrayList<>(models);
    Collections.shuffle(shuffled, new Random(3));

    assertThat(ModelFormat.sha256(RobustAggregation.median(shuffled)))
        .isEqualTo(ModelFormat.sha256(RobustAggregation.median(models)));
    assertThat(ModelFormat.sha256(RobustAggregation.trimmedMean(shuffled, 0.3)))
        .isEqualTo(ModelFormat.sha256(RobustAggregation.trimmedMean(models, 0.3)));
  }

  @Test
  void oneModelAggregatesToItself() {
    Model only = model(0.1, 0.2, 0.3);

    assertThat(RobustAggregation.median(List.of(only))).isEqualTo(only);
    assertThat(RobustAggregation.trimmedMean(List.of(only), 0.4)).isEqualTo(only);
  }

  @Test
  void rejectsNoModelsMixedShapesAndABadFraction() {
    assertThatThrownBy(() -> RobustAggregation.median(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RobustAggregation.median(
                    List.of(model(1, 2, 3), Model.of(ModelSpec.linear(1), new double[] {1, 2}))))
        .hasMessageContaining("model 1");
    assertThatThrownBy(() -> RobustAggregation.trimmedMean(List.of(model(1, 2, 3)), 0.5))
        .hasMessageContaining("trimFraction");
  }
}
