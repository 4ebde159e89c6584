package io.axon.core.protocol;

import java.util.List;

/**
 * {@code GET /api/v1/jobs/{id}}: where a job stands. {@code modelSha256} names the current global
 * model, downloadable at {@code GET /api/v1/jobs/{id}/model}.
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
    List<RoundMetrics> metrics) {
  public JobStatus {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
  }

  /** A job's life: RUNNING until it has run all rounds or reached its target, then DONE. */
  public enum JobState {
    RUNNING,
    DONE,
    FAILED
  }

  /** Holdout loss and accuracy of the averaged model after one round. */
  public record RoundMetrics(int round, double loss, double accuracy, long finishedMillis) {}
}
