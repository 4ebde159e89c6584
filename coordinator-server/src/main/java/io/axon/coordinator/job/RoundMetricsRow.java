package io.axon.coordinator.job;

/** One row of the {@code round_metrics} table; {@code accuracy} is null for regression. */
public record RoundMetricsRow(
    long jobId, int round, double loss, Double accuracy, String modelSha256, long finishedMillis) {}
