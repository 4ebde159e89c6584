package io.axon.core.data;

/**
 * A dense in-memory table of {@code rows} examples with {@code features} float features each
 * (row-major in {@code x}) and one label each in {@code y}. Classification labels are class indices
 * stored as floats (0, 1, 2, ...).
 *
 * <p>The arrays are not copied: treat a dataset as read-only once built.
 */
public record Dataset(int rows, int features, float[] x, float[] y) {
  public Dataset {
    if (rows < 0 || features < 1) {
      throw new IllegalArgumentException(
          "bad shape: " + rows + " rows x " + features + " features");
    }
    if (x.length != (long) rows * features) {
      throw new IllegalArgumentException(
          "x has " + x.length + " values, expected " + rows + " x " + features);
    }
    if (y.length != rows) {
      throw new IllegalArgumentException("y has " + y.length + " labels, expected " + rows);
    }
  }

  /** The label of row {@code row}. */
  public float label(int row) {
    return y[row];
  }

  /** The number of classes if labels are class indices: the largest label plus one. */
  public int classCount() {
    int max = -1;
    for (float label : y) {
      max = Math.max(max, (int) label);
    }
    return max + 1;
  }
}
