package io.axon.coordinator.workunit;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobSpec.Aggregation.Method;
import io.axon.core.training.Model;
import io.axon.core.training.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssimilatorRulesTest {
  private static final ModelSpec SPEC = ModelSpec.linear(1);

  @Test
  void aRoundNeedsItsFractionOfUnitsRoundedUp() {
    assertThat(Assimilator.required(4, 1.0)).isEqualTo(4);
    assertThat(Assimilator.required(4, 0.75)).isEqualTo(3);
    assertThat(Assimilator.required(10, 0.7)).isEqualTo(7);
    assertThat(Assimilator.required(3, 0.5)).isEqualTo(2);
    assertThat(Assimilator.required(5, 0.01)).isEqualTo(1);
  }

  @Test
  void mergeFollowsTheJobsAggregation() {
    List<Model> models =
        List.of(
            Model.of(SPEC, new double[] {1, 0}),
            Model.of(SPEC, new double[] {2, 0}),
            Model.of(SPEC, new double[] {9, 0}));
    long[] rows = {1, 1, 2};

    assertThat(
            Assimilator.merge(new JobSpec.Aggregation(Method.FEDAVG, 0.1), models, rows)
                .parameter(0))
        .isEqualTo(5.25);
    assertThat(
            Assimilator.merge(new JobSpec.Aggregation(Method.MEDIAN, 0.1), models, rows)
                .parameter(0))
        .isEqualTo(2);
    assertThat(
            Assimilator.merge(new JobSpec.Aggregation(Method.TRIMMED_MEAN, 0.34), models, rows)
                .parameter(0))
        .isEqualTo(2);
  }
}
