package io.axon.coordinator.job;

/** One row of the {@code shards} table: a slice of a job's training rows, stored as a blob. */
public record ShardRow(long jobId, int shardIndex, String blobSha256, long rowCount) {}
