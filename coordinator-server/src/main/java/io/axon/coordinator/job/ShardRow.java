package io.axon.coordinator.job;

/**
 * One row of the {@code shards} table: a slice of a job's training rows, stored as a blob; {@code
 * droppedRound} is the round after which it was left out (stragglers DROP), null while it takes
 * part.
 */
public record ShardRow(
    long jobId, int shardIndex, String blobSha256, long rowCount, Integer droppedRound) {}
