package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Kernel#flops} against a reference implementation that counts as it computes. */
class FlopCountTest {

  @Test
  void logisticFlopsEqualTheCountOfAnInstrumentedReference() {
    // 77 rows in batches of 40: a batch of two blocks (32 + 8) and a last batch of 37 rows.
    compare(ModelSpec.logistic(3), TestData.separable(77, 3, 1), 40, 2);
  }

  @Test
  void logisticWithTenFeaturesMatchesTheReferenceBitForBit() {
    // Ten features: the eight-feature gradient pass plus a pair; 150 rows end in a short block.
    compare(ModelSpec.logistic(10), TestData.separable(150, 10, 4), 64, 2);
  }

  @Test
  void linearWithThirteenFeaturesMatchesTheReferenceBitForBit() {
    // Thirteen features: eight, then four, then one.
    double[] truth = {1, -1, 2, -2, 3, -3, 0.5, -0.5, 1.5, -1.5, 0.25, -0.25, 4};
    compare(ModelSpec.linear(13), TestData.linear(90, truth, 0.5, 6), 40, 2);
  }

  @Test
  void softmaxFlopsEqualTheCountOfAnInstrumentedReference() {
    compare(ModelSpec.softmax(3, 4), TestData.blobs(50, 3, 4, 2), 50, 2);
  }

  @Test
  void linearFlopsEqualTheCountOfAnInstrumentedReference() {
    compare(ModelSpec.linear(2), TestData.linear(33, new double[] {1, -1}, 0.5, 3), 5, 3);
  }

  @Test
  void mlpFlopsEqualTheCountOfAnInstrumentedReference() {
    compare(ModelSpec.mlp(3, List.of(5, 4), 3), TestData.random(70, 3, 3, 4), 64, 2);
  }

  @Test
  void flopsScaleWithEpochsAndAreZeroForNoWork() {
    Kernel kernel = Kernel.forSpec(ModelSpec.mlp(4, List.of(3), 2));
    assertThat(kernel.flops(100, 3, 32)).isEqualTo(3 * kernel.flops(100, 1, 32));
    assertThat(kernel.flops(0, 3, 32)).isZero();
    assertThat(kernel.flops(100, 0, 32)).isZero();
    assertThatThrownBy(() -> kernel.flops(10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void compare(ModelSpec spec, Dataset data, int batchSize, int epochs) {
    Hyperparameters hyper = new Hyperparameters(0.05, 0.9, 0.01, batchSize);
    Model start = GradientCheckTest.randomModel(spec, 7);
    Kernel kernel = Kernel.forSpec(spec);
    CountingReference reference = new CountingReference();
    double[] expected = reference.train(spec, start.parameters(), data, hyper, epochs, 99);

    TrainingResult result = kernel.train(start, data, hyper, epochs, 99, 3, TrainingListener.NONE);

    assertThat(reference.flops).isPositive();
    assertThat(kernel.flops(data.rows(), epochs, batchSize)).isEqualTo(reference.flops);
    assertThat(result.flops()).isEqualTo(reference.flops);
    assertThat(result.model().parameters()).containsExactly(expected);
    assertThat(result.meanLoss()).isEqualTo(reference.meanLoss);
    assertThat(result.samples()).isEqualTo((long) data.rows() * epochs);
  }
}
