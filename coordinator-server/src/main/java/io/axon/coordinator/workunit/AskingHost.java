package io.axon.coordinator.workunit;

/**
 * One row of {@link DispatchDao#askingHost}: the host, and one of the replicas in progress on it
 * (all null if none) with its job's state and round.
 */
public record AskingHost(
    long id,
    int cores,
    long memoryBytes,
    Long rttMillis,
    String kernels,
    Long accountId,
    int consecutiveValid,
    Long replicaId,
    Long workUnitId,
    Integer replicaRound,
    String jobState,
    Integer jobRound,
    Long delayBoundMillis) {

  DispatchHost host() {
    return new DispatchHost(
        id, cores, memoryBytes, rttMillis, kernels, accountId, consecutiveValid);
  }

  /** The replica, if it is one of a running job's current round. */
  HeldReplica held() {
    if (replicaId == null || !"RUNNING".equals(jobState) || !jobRound.equals(replicaRound)) {
      return null;
    }
    return new HeldReplica(replicaId, workUnitId, delayBoundMillis);
  }
}
