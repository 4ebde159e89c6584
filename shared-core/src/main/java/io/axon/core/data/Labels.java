package io.axon.core.data;

import io.axon.core.training.ModelKind;

/** Checks that a dataset's labels suit a model family, and derives the model's output count. */
public final class Labels {
  /** The most classes a SOFTMAX or MLP job may have. */
  public static final int MAX_CLASSES = 10_000;

  private Labels() {}

  /**
   * Validates every label for {@code kind} and returns the number of model outputs: 1 for LOGISTIC
   * (labels 0 or 1) and LINEAR (any finite label); for SOFTMAX and MLP, whose labels must be the
   * class indices 0, 1, ..., the number of classes {@code k = max label + 1}, at least 2.
   *
   * @throws DataFormatException naming the first 1-based row whose label does not fit, or saying
   *     that there are fewer than two classes
   */
  public static int classCount(Dataset data, ModelKind kind) {
    float[] y = data.y();
    switch (kind) {
      case LINEAR -> {
        for (int i = 0; i < y.length; i++) {
          if (!Float.isFinite(y[i])) {
            throw bad(i, "a LINEAR model needs finite labels, got " + y[i]);
          }
        }
        return 1;
      }
      case LOGISTIC -> {
        for (int i = 0; i < y.length; i++) {
          if (y[i] != 0f && y[i] != 1f) {
            throw bad(
                i,
                "a LOGISTIC model needs labels 0 or 1, got "
                    + y[i]
                    + "; use SOFTMAX or MLP for more classes");
          }
        }
        return 1;
      }
      case SOFTMAX, MLP -> {
        int max = -1;
        for (int i = 0; i < y.length; i++) {
          float label = y[i];
          if (!(label >= 0 && label < MAX_CLASSES && label == (int) label)) {
            throw bad(
                i,
                "a "
                    + kind
                    + " model needs class indices 0, 1, ... below "
                    + MAX_CLASSES
                    + " as labels, got "
                    + label);
          }
          max = Math.max(max, (int) label);
        }
        if (max < 1) {
          throw new DataFormatException(
              "a "
                  + kind
                  + " model needs at least two classes, but every label is "
                  + (max < 0 ? "missing (no rows)" : String.valueOf(max)));
        }
        return max + 1;
      }
    }
    throw new IllegalArgumentException("unknown model kind " + kind);
  }

  private static DataFormatException bad(int index, String problem) {
    return new DataFormatException("row " + (index + 1) + ": " + problem, index + 1, null);
  }
}
