package io.axon.core.protocol;

import java.util.List;

/**
 * {@code GET /api/v1/jobs/{id}}: where a job stands. {@code modelSha256} names the current global
 * model, downloadable at {@code GET /api/v1/jobs/{id}/model}; {@code failureReason} says why a
 * FAILED job stopped (null otherwise).
 */
public record JobStatus(
    long id,
    String name,
    JobState state,
    int round,
    int rounds,
    int inputs,
    int outputs,
    long trainRows,
    long holdoutRows,
    String modelSha256,
    List<RoundMetrics> metrics,
    String failureReason) {
  public JobStatus {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** A job that has not failed. */
  public JobStatus(
      long id,
      String name,
      JobState state,
      int round,
      int rounds,
      int inputs,
      int outputs,
      long trainRows,
      long holdoutRows,
      String modelSha256,
      List<RoundMetrics> metrics) {
    this(
        id,
        name,
        state,
        round,
        rounds,
        inputs,
        outputs,
        trainRows,
        holdoutRows,
        modelSha256,
        metrics,
        null);
  }

  /**
   * A job's life: RUNNING until it has run all rounds or reached its target, then DONE; FAILED when
   * a round can no longer close (a work unit failed too often) or a stored blob is broken.
   */
  public enum JobState {
    RUNNING,
    DONE,
    FAILED
  }

  /** Holdout loss and accuracy of the averaged model after one round. */
  public record RoundMetrics(int round, double loss, double accuracy, long finishedMillis) {}
}
