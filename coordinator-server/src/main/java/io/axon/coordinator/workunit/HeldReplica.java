package io.axon.coordinator.workunit;

/** A replica in progress on a host, and its job's delay bound (null: the coordinator's). */
public record HeldReplica(long id, long workUnitId, Long delayBoundMillis) {}
