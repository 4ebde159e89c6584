package io.axon.core.training;

import java.util.List;

/**
 * Parameter averaging (Zinkevich et al. 2010; FedAvg): the coordinator's merge step after a round.
 */
public final class ModelAveraging {
  private ModelAveraging() {}

  /**
   * The average of {@code models} weighted by {@code weights} (usually the rows of each shard):
   * {@code sum_m(share_m * p_m[i])} per parameter with {@code share_m = weights[m] / sum(weights)},
   * summed in list order so that the result is the same on every JVM. The average of a single model
   * is that model, exactly.
   *
   * @throws IllegalArgumentException if the list is empty, the lengths differ, a weight is not
   *     positive or the models do not share one spec
   */
  public static Model weightedAverage(List<Model> models, long[] weights) {
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("need at least one model to average");
    }
    if (weights == null || weights.length != models.size()) {
      throw new IllegalArgumentException(
          "need one weight per model: "
              + models.size()
              + " models, "
              + (weights == null ? 0 : weights.length)
              + " weights");
    }
    ModelSpec spec = models.get(0).spec();
    long total = 0;
    for (int m = 0; m < weights.length; m++) {
      if (weights[m] <= 0) {
        throw new IllegalArgumentException(
            "weights must be positive, model " + m + " has " + weights[m]);
      }
      if (!models.get(m).spec().equals(spec)) {
        throw new IllegalArgumentException(
            "model " + m + " is a " + models.get(m).spec() + ", model 0 a " + spec);
      }
      total = Math.addExact(total, weights[m]);
    }
    double[] sum = new double[spec.parameterCount()];
    for (int m = 0; m < weights.length; m++) {
      Model model = models.get(m);
      double share = (double) weights[m] / total;
      for (int i = 0; i < sum.length; i++) {
        sum[i] += share * model.parameter(i);
      }
    }
    return Model.of(spec, sum);
  }
}
