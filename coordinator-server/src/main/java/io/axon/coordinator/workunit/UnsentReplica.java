package io.axon.coordinator.workunit;

/** An UNSENT replica and the size of its unit. */
public record UnsentReplica(long id, long workUnitId, long flops) {}
