package io.axon.bench.report;

/**
 * One measured point, one row of a figure's CSV.
 *
 * @param experiment fig4a, fig4b, fig3, edge or startup
 * @param system axon, direct (same rounds without the coordinator), centralized, spark-local[k]
 * @param rows rows of the data set (train plus holdout)
 * @param workers volunteers, shards or Spark threads
 * @param link loopback or the emulated link
 * @param step the epoch or round this point is at (0: at the target)
 * @param repeat which repetition
 * @param seconds seconds to the target (or to {@code step})
 * @param accuracy holdout accuracy reached
 * @param target the accuracy aimed at (centralized reference minus 0.5 points), NaN if none
 * @param rounds rounds or epochs run to get there
 * @param submitSeconds upload and sharding of the job, not in {@code seconds}
 * @param bytesDown bytes from the coordinator to the volunteers while the job ran
 * @param bytesUp bytes from the volunteers to the coordinator
 * @param coordinatorCpuSeconds the coordinator process's CPU time while the job ran
 * @param overheadSeconds for fig4b: Axon's time minus the direct run's for the same rounds
 * @param oversubscribed more busy processes than cores (volunteers plus the coordinator)
 */
public record Measurement(
    String experiment,
    String system,
    int rows,
    int workers,
    String link,
    int step,
    int repeat,
    double seconds,
    double accuracy,
    double target,
    int rounds,
    double submitSeconds,
    long bytesDown,
    long bytesUp,
    double coordinatorCpuSeconds,
    double overheadSeconds,
    boolean oversubscribed) {

  static final String[] HEADER = {
    "experiment",
    "system",
    "rows",
    "workers",
    "link",
    "step",
    "repeat",
    "seconds",
    "accuracy",
    "target",
    "rounds",
    "submit_seconds",
    "bytes_down",
    "bytes_up",
    "coordinator_cpu_seconds",
    "overhead_seconds",
    "oversubscribed",
    "machine"
  };

  /** A point with no job traffic (in-process baselines, Spark). */
  public static Measurement simple(
      String experiment,
      String system,
      int rows,
      int workers,
      int step,
      int repeat,
      double seconds,
      double accuracy,
      double target,
      int rounds,
      boolean oversubscribed) {
    return new Measurement(
        experiment,
        system,
        rows,
        workers,
        "loopback",
        step,
        repeat,
        seconds,
        accuracy,
        target,
        rounds,
        0,
        0,
        0,
        0,
        Double.NaN,
        oversubscribed);
  }

  /** The series this point belongs to, e.g. {@code axon x2}. */
  public String series() {
    return system.startsWith("axon") || system.equals("direct") ? system + " x" + workers : system;
  }
}
