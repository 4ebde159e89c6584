package io.axon.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Splits a dataset into train and holdout, and a training set into shards. */
public final class Splits {
  private Splits() {}

  /**
   * Shuffles the rows with a {@link SplittableRandom} seeded by {@code seed} (Fisher–Yates) and
   * keeps {@code round(rows * fraction)} of them, at least one, as the holdout. Both parts keep the
   * shuffled order, so shards cut from the training part are random samples. The same data,
   * fraction and seed always give the same split.
   *
   * @param fraction the part of the rows held out, in (0, 0.5]
   * @throws IllegalArgumentException if the fraction is out of range or there are fewer than two
   *     rows
   */
  public static Split holdout(Dataset data, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException("holdout fraction must be in (0, 0.5], got " + fraction);
    }
    int rows = data.rows();
    if (rows < 2) {
      throw new IllegalArgumentException(
          "a train/holdout split needs at least 2 rows, got " + rows);
    }
    int holdout = (int) Math.max(1, Math.min(rows - 1, Math.round(rows * fraction)));
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return new Split(gather(data, order, holdout, rows - holdout), gather(data, order, 0, holdout));
  }

  /**
   * Cuts {@code data} into {@code n} contiguous shards in row order; the first {@code rows % n}
   * shards have one row more than the others.
   *
   * @throws IllegalArgumentException unless {@code 1 <= n <= rows}
   */
  public static List<Dataset> shards(Dataset data, int n) {
    if (n < 1 || n > data.rows()) {
      throw new IllegalArgumentException(
          "shards must be in [1, " + data.rows() + "] for " + data.rows() + " rows, got " + n);
    }
    int base = data.rows() / n;
    int extra = data.rows() % n;
    int features = data.features();
    List<Dataset> shards = new ArrayList<>(n);
    int start = 0;
    for (int i = 0; i < n; i++) {
      int rows = base + (i < extra ? 1 : 0);
      float[] x = new float[rows * features];
      float[] y = new float[rows];
      System.arraycopy(data.x(), start * features, x, 0, rows * features);
      System.arraycopy(data.y(), start, y, 0, rows);
      shards.add(new Dataset(rows, features, x, y));
      start += rows;
    }
    return List.copyOf(shards);
  }

  private static Dataset gather(Dataset data, int[] order, int from, int rows) {
    int features = data.features();
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      int source = order[from + i];
      System.arraycopy(data.x(), source * features, x, i * features, features);
      y[i] = data.y()[source];
    }
    return new Dataset(rows, features, x, y);
  }
}
