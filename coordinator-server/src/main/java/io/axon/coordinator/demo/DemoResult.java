package io.axon.coordinator.demo;

import java.util.List;
import java.util.Locale;

/**
 * What the demo measured for one job, and its {@code RESULT} line.
 *
 * @param job the job's name
 * @param accuracy holdout accuracy of the job's model after its last round
 * @param baseline holdout accuracy of the centralized baseline: the same split, kernel,
 *     hyperparameters and total epochs, trained in the demo's own process on the whole training set
 * @param seconds wall-clock time from submitting the job until the coordinator reported it DONE
 */
record DemoResult(String job, double accuracy, double baseline, double seconds) {
  /**
   * A job meets its baseline when it ends at most half a point of accuracy below it: the target the
   * benchmarks hold distributed training to (BenchCommand.TOLERANCE, docs/BENCHMARKS.md).
   */
  static final double TOLERANCE = 0.005;

  /** What the RESULT lines' fields mean, printed once above them. */
  static final List<String> LEGEND =
      List.of(
          "accuracy: the job's final holdout accuracy; baseline: the same kernel, split,",
          "  hyperparameters and epochs trained centrally in this process; met: accuracy at most",
          "  0.5 points below the baseline (the benchmarks' target); seconds_submit_to_done: wall",
          "  clock from submitting the job until it was DONE (the two jobs share the volunteers)");

  boolean metBaseline() {
    // a little slack so that exactly half a point below counts as met despite rounding error
    return accuracy >= baseline - TOLERANCE - 1e-9;
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "RESULT job=%s accuracy=%.4f baseline=%.4f met=%s seconds_submit_to_done=%d",
        job,
        accuracy,
        baseline,
        metBaseline() ? "yes" : "no",
        Math.round(seconds));
  }
}
