package io.axon.coordinator.workunit;

/** One row of the {@code work_units} table (the fields the coordinator acts on). */
public record WorkUnitRow(
    long id,
    long jobId,
    int round,
    int shardIndex,
    WorkUnitState state,
    long seed,
    String modelSha256,
    long flops,
    int targetReplicas,
    int minQuorum,
    int errorReplicas,
    Long canonicalReplicaId,
    String resultSha256,
    String failureReason) {}
