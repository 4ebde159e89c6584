package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The epoch order shuffles whole blocks of {@link Network#BLOCK_ROWS} rows, seeded. */
class BlockShuffleTest {

  @Test
  void theOrderIsAPermutationOfBlocksWithTheRowsOfEachBlockInDataOrder() {
    int rows = 1000; // 31 full blocks and a short one of 8 rows
    int[] order = new int[rows];
    DenseKernel.shuffle(order, new SplittableRandom(42));

    assertThat(Arrays.stream(order).sorted().toArray())
        .containsExactly(IntStream.range(0, rows).toArray());
    int i = 0;
    int[] firstRows = new int[32];
    for (int b = 0; b < firstRows.length; b++) {
      int first = order[i];
      assertThat(first % Network.BLOCK_ROWS).as("block starts at a block boundary").isZero();
      int end = Math.min(rows, first + Network.BLOCK_ROWS);
      for (int row = first; row < end; row++) {
        assertThat(order[i++]).isEqualTo(row);
      }
      firstRows[b] = first;
    }
    assertThat(i).isEqualTo(rows);
    int[] sorted = firstRows.clone();
    Arrays.sort(sorted);
    assertThat(firstRows).as("blocks are not in data order").isNotEqualTo(sorted);
  }

  @Test
  void theSameSeedGivesTheSameOrderAndAnotherSeedAnotherOrder() {
    int[] a = new int[500];
    int[] b = new int[500];
    int[] c = new int[500];
    DenseKernel.shuffle(a, new SplittableRandom(7));
    DenseKernel.shuffle(b, new SplittableRandom(7));
    DenseKernel.shuffle(c, new SplittableRandom(8));

    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
  }
}
