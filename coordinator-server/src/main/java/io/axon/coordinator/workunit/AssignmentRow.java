package io.axon.coordinator.workunit;

/** What a volunteer needs to run one replica, joined from it, its unit, its job and its blobs. */
public record AssignmentRow(
    long id,
    long jobId,
    String jobName,
    String specJson,
    int inputs,
    int outputs,
    int round,
    long seed,
    String modelSha256,
    long modelSize,
    String shardSha256,
    long shardSize,
    long deadlineMillis,
    long flops) {}
