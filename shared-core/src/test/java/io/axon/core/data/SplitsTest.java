package io.axon.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitsTest {
  /** Row i has features (i, -i) and label i, so every row can be traced. */
  private static Dataset numbered(int rows) {
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i;
    }
    return new Dataset(rows, 2, x, y);
  }

  @Test
  void sameSeedGivesTheSameSplit() {
    Split a = Splits.holdout(numbered(1000), 0.2, 42);
    Split b = Splits.holdout(numbered(1000), 0.2, 42);

    assertThat(a.train().y()).isEqualTo(b.train().y());
    assertThat(a.holdout().y()).isEqualTo(b.holdout().y());
    assertThat(a.train().x()).isEqualTo(b.train().x());
  }

  @Test
  void anotherSeedGivesAnotherSplit() {
    assertThat(Splits.holdout(numbered(1000), 0.2, 1).holdout().y())
        .isNotEqualTo(Splits.holdout(numbered(1000), 0.2, 2).holdout().y());
  }

  @Test
  void holdsOutTheRoundedFractionAndKeepsEveryRowOnce() {
    Split split = Splits.holdout(numbered(1001), 0.25, 7);

    assertThat(split.holdout().rows()).isEqualTo(250);
    assertThat(split.train().rows()).isEqualTo(751);
    List<Float> labels = new ArrayList<>();
    for (Dataset part : List.of(split.train(), split.holdout())) {
      for (int i = 0; i < part.rows(); i++) {
        assertThat(part.x()[2 * i]).isEqualTo(part.y()[i]);
        assertThat(part.x()[2 * i + 1]).isEqualTo(-part.y()[i]);
        labels.add(part.y()[i]);
      }
    }
    assertThat(labels).doesNotHaveDuplicates().hasSize(1001);
    float[] holdout = split.holdout().y();
    float[] sorted = holdout.clone();
    java.util.Arrays.sort(sorted);
    assertThat(holdout).as("holdout rows are shuffled").isNotEqualTo(sorted);
  }

  @Test
  void keepsAtLeastOneRowOnEachSide() {
    Split tiny = Splits.holdout(numbered(2), 0.01, 3);

    assertThat(tiny.holdout().rows()).isEqualTo(1);
    assertThat(tiny.train().rows()).isEqualTo(1);
    assertThat(Splits.holdout(numbered(3), 0.5, 3).train().rows()).isEqualTo(1);
  }

  @Test
  void rejectsFractionsOutsideZeroToOneHalf() {
    for (double fraction : new double[] {0, -0.1, 0.51, Double.NaN}) {
      assertThatThrownBy(() -> Splits.holdout(numbered(10), fraction, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(0, 0.5]");
    }
    assertThatThrownBy(() -> Splits.holdout(numbered(1), 0.5, 1))
        .hasMessageContaining("at least 2 rows");
  }

  @Test
  void cutsContiguousShardsWhoseSizesDifferByAtMostOne() {
    List<Dataset> shards = Splits.shards(numbered(10), 4);

    assertThat(shards).extracting(Dataset::rows).containsExactly(3, 3, 2, 2);
    float next = 0;
    for (Dataset shard : shards) {
      for (int i = 0; i < shard.rows(); i++) {
        assertThat(shard.y()[i]).isEqualTo(next);
        assertThat(shard.x()[2 * i + 1]).isEqualTo(-next);
        next++;
      }
    }
  }

  @Test
  void allowsOneRowPerShardButNoEmptyShards() {
    assertThat(Splits.shards(numbered(3), 3)).extracting(Dataset::rows).containsExactly(1, 1, 1);
    assertThatThrownBy(() -> Splits.shards(numbered(3), 4)).hasMessageContaining("[1, 3]");
    assertThatThrownBy(() -> Splits.shards(numbered(3), 0)).hasMessageContaining("got 0");
  }
}
