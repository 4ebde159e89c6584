package io.axon.core.training;

import io.axon.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one fixed work unit per model kind on the number of threads given as the only argument and
 * prints {@code <kind> <sha256 of the encoded model>} per line. Run in separate JVMs by {@link
 * DeterminismTest}.
 */
public final class DeterminismMain {
  private DeterminismMain() {}

  public static void main(String[] args) {
    for (String line : hashes(Integer.parseInt(args[0]))) {
      System.out.println(line);
    }
  }

  /** Batches of 256 rows are 8 blocks, so with several threads several blocks run at once. */
  static List<String> hashes(int threads) {
    List<String> lines = new ArrayList<>();
    lines.add(run(ModelSpec.logistic(10), TestData.separable(4000, 10, 1), threads));
    lines.add(run(ModelSpec.softmax(12, 4), TestData.blobs(3000, 12, 4, 2), threads));
    lines.add(
        run(
            ModelSpec.linear(5),
            TestData.linear(3000, new double[] {1, -2, 3, -4, 5}, 0.5, 3),
            threads));
    lines.add(run(ModelSpec.mlp(20, List.of(24, 12), 4), TestData.random(3000, 20, 4, 4), threads));
    return lines;
  }

  private static String run(ModelSpec spec, Dataset data, int threads) {
    Kernel kernel = Kernel.forSpec(spec);
    Hyperparameters hyper = new Hyperparameters(0.05, 0.9, 1e-4, 256);
    TrainingResult result =
        kernel.train(kernel.initialize(17), data, hyper, 2, 23, threads, TrainingListener.NONE);
    return spec.kind() + " " + ModelFormat.sha256(result.model());
  }
}
