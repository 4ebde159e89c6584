package io.axon.coordinator.workunit;

/** A replica dispatch may send: its unit's size, and the job's delay bound and adaptivity. */
public record SendableReplica(
    long id, long workUnitId, long flops, Long delayBoundMillis, boolean adaptive) {}
