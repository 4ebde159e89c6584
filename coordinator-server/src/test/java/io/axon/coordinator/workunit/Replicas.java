package io.axon.coordinator.workunit;

import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ServerState;
import io.axon.coordinator.workunit.Replica.ValidateState;

/** Replica and unit rows for the pure lifecycle rules. */
final class Replicas {
  private Replicas() {}

  static Replica unsent(long id) {
    return new Replica(
        id, 1, 1, 1, ServerState.UNSENT, null, ValidateState.INIT, null, null, null, null, null);
  }

  static Replica inProgress(long id, long host) {
    return new Replica(
        id,
        1,
        1,
        1,
        ServerState.IN_PROGRESS,
        null,
        ValidateState.INIT,
        host,
        0L,
        1000L,
        null,
        null);
  }

  static Replica success(long id, String sha) {
    return judged(id, sha, ValidateState.INIT);
  }

  static Replica judged(long id, String sha, ValidateState state) {
    return new Replica(
        id, 1, 1, 1, ServerState.OVER, Outcome.SUCCESS, state, id + 100, 0L, 1000L, sha, null);
  }

  static Replica over(long id, Outcome outcome) {
    return new Replica(
        id,
        1,
        1,
        1,
        ServerState.OVER,
        outcome,
        outcome == Outcome.VALIDATE_ERROR ? ValidateState.INVALID : ValidateState.INIT,
        id + 100,
        0L,
        1000L,
        null,
        outcome == Outcome.VALIDATE_ERROR ? "has a non-finite parameter at index 3: NaN" : null);
  }

  static WorkUnitRow unit(WorkUnitState state, int target, int quorum) {
    return new WorkUnitRow(1, 1, 1, 3, state, 7, "m", 1000, target, quorum, 0, null, null, null);
  }
}
