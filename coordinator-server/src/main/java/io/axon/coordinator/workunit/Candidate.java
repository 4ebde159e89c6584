package io.axon.coordinator.workunit;

/** An UNSENT replica in the feeder's cache, with what its assignment needs of its unit. */
public record Candidate(
    long id,
    long workUnitId,
    long seed,
    long flops,
    String modelSha256,
    long modelSize,
    String shardSha256,
    long shardSize) {}
