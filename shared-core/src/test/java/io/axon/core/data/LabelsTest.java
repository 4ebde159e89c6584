package io.axon.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.training.ModelKind;
import org.junit.jupiter.api.Test;

class LabelsTest {
  private static Dataset labelled(float... y) {
    return new Dataset(y.length, 1, new float[y.length], y);
  }

  @Test
  void logisticNeedsZeroOrOneAndHasOneOutput() {
    assertThat(Labels.classCount(labelled(0, 1, 1), ModelKind.LOGISTIC)).isEqualTo(1);

    assertThatThrownBy(() -> Labels.classCount(labelled(0, 1, 2), ModelKind.LOGISTIC))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("row 3")
        .hasMessageContaining("0 or 1")
        .satisfies(e -> assertThat(((DataFormatException) e).row()).isEqualTo(3));
  }

  @Test
  void softmaxAndMlpCountClassesFromTheLargestIndex() {
    assertThat(Labels.classCount(labelled(0, 3, 1), ModelKind.SOFTMAX)).isEqualTo(4);
    assertThat(Labels.classCount(labelled(1, 0), ModelKind.MLP)).isEqualTo(2);
  }

  @Test
  void softmaxRejectsFractionalNegativeAndHugeLabels() {
    for (float bad : new float[] {0.5f, -1f, 1e6f}) {
      assertThatThrownBy(() -> Labels.classCount(labelled(0, 1, bad), ModelKind.SOFTMAX))
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("row 3")
          .hasMessageContaining("class indices");
    }
  }

  @Test
  void classifiersNeedAtLeastTwoClasses() {
    assertThatThrownBy(() -> Labels.classCount(labelled(0, 0), ModelKind.MLP))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("at least two classes");
  }

  @Test
  void linearAcceptsAnyFiniteLabel() {
    assertThat(Labels.classCount(labelled(-3.5f, 1e20f), ModelKind.LINEAR)).isEqualTo(1);
    assertThatThrownBy(() -> Labels.classCount(labelled(1, Float.NaN), ModelKind.LINEAR))
        .hasMessageContaining("row 2");
  }
}
