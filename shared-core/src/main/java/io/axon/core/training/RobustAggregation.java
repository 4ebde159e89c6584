package io.axon.core.training;

import java.util.Arrays;
import java.util.List;

/**
 * Robust alternatives to {@link ModelAveraging} for rounds whose results nobody cross-checked (jobs
 * without replication): the coordinate-wise median and the coordinate-wise trimmed mean (Yin et al.
 * 2018). Each parameter is aggregated on its own from the models' values at that index, sorted with
 * {@link Double#compare}, so the result depends only on the set of models, not on their order, and
 * is the same on every JVM.
 */
public final class RobustAggregation {
  private RobustAggregation() {}

  /**
   * The coordinate-wise median: per parameter the middle value, or the mean of the two middle
   * values for an even count. One model returns itself; up to half minus one of the models may be
   * arbitrary without moving a coordinate outside the honest models' range.
   *
   * @throws IllegalArgumentException if the list is empty or the models do not share one spec
   */
  public static Model median(List<Model> models) {
    ModelSpec spec = commonSpec(models);
    int n = models.size();
    double[] column = new double[n];
    double[] result = new double[spec.parameterCount()];
    for (int i = 0; i < result.length; i++) {
      fill(models, i, column);
      Arrays.sort(column);
      result[i] = n % 2 == 1 ? column[n / 2] : column[n / 2 - 1] / 2.0 + column[n / 2] / 2.0;
    }
    return Model.of(spec, result);
  }

  /**
   * The coordinate-wise trimmed mean: per parameter, drops the {@code floor(trimFraction * n)}
   * smallest and as many largest values and averages the rest (summed in ascending order). A
   * fraction of 0 is the plain mean.
   *
   * @param trimFraction part of the models cut at each end, in [0, 0.5)
   * @throws IllegalArgumentException if the list is empty, the models do not share one spec or the
   *     fraction is out of range
   */
  public static Model trimmedMean(List<Model> models, double trimFraction) {
    if (!(trimFraction >= 0 && trimFraction < 0.5)) {
      throw new IllegalArgumentException("trimFraction must be in [0, 0.5), got " + trimFraction);
    }
    ModelSpec spec = commonSpec(models);
    int n = models.size();
    int cut = (int) Math.floor(trimFraction * n);
    int kept = n - 2 * cut;
    double[] column = new double[n];
    double[] result = new double[spec.parameterCount()];
    for (int i = 0; i < result.length; i++) {
      fill(models, i, column);
      Arrays.sort(column);
      double sum = 0;
      for (int m = cut; m < n - cut; m++) {
        sum += column[m];
      }
      result[i] = sum / kept;
    }
    return Model.of(spec, result);
  }

  private static void fill(List<Model> models, int index, double[] column) {
    for (int m = 0; m < column.length; m++) {
      column[m] = models.get(m).parameter(index);
    }
  }

  private static ModelSpec commonSpec(List<Model> models) {
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("need at least one model to aggregate");
    }
    ModelSpec spec = models.get(0).spec();
    for (int m = 1; m < models.size(); m++) {
      if (!models.get(m).spec().equals(spec)) {
        throw new IllegalArgumentException(
            "model " + m + " is a " + models.get(m).spec() + ", model 0 a " + spec);
      }
    }
    return spec;
  }
}
