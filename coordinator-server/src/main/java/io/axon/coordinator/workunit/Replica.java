package io.axon.coordinator.workunit;

/**
 * One replica of a work unit (BOINC's result): the copy sent to one host. Its three states change
 * only through {@link ReplicaDao}, each change a conditional UPDATE from the expected state.
 *
 * <pre>
 * UNSENT ──dispatch──▶ IN_PROGRESS ──upload──▶ OVER/SUCCESS ──validator──▶ VALID | INVALID
 *    │                     │  │                                        (or INCONCLUSIVE: wait)
 *    │                     │  └─deadline──▶ OVER/NO_REPLY (a late upload may still be SUCCESS)
 *    │                     └──bad upload──▶ OVER/VALIDATE_ERROR (INVALID)
 *    └──unit done or round closed──▶ OVER/DIDNT_NEED
 * </pre>
 */
public record Replica(
    long id,
    long workUnitId,
    long jobId,
    int round,
    ServerState serverState,
    Outcome outcome,
    ValidateState validateState,
    Long hostId,
    Long sentMillis,
    Long deadlineMillis,
    String resultSha256,
    String detail) {

  /** Where the replica is (BOINC's {@code server_state}). */
  public enum ServerState {
    /** Waiting for a host. */
    UNSENT,
    /** Sent to a host, which must report before the deadline. */
    IN_PROGRESS,
    /** Finished one way or another: see the {@link Outcome}. */
    OVER
  }

  /** How an OVER replica ended (BOINC's {@code outcome}). */
  public enum Outcome {
    /** The host uploaded a finite model of the job's shape. */
    SUCCESS,
    /** The host reported that it could not run the unit. */
    CLIENT_ERROR,
    /** The deadline passed without an upload. */
    NO_REPLY,
    /** Never sent: the unit had its result, or its round closed, first. */
    DIDNT_NEED,
    /** The upload was not a finite model of the job's shape. */
    VALIDATE_ERROR
  }

  /** What the validator made of a SUCCESS (BOINC's {@code validate_state}). */
  public enum ValidateState {
    /** Not compared yet (or never will be: no SUCCESS). */
    INIT,
    /** Agrees with the unit's canonical result: it earns credit. */
    VALID,
    /** Disagrees with the canonical result, or was no model at all: no credit. */
    INVALID,
    /** A quorum of results disagreed and no canonical one could be chosen yet. */
    INCONCLUSIVE
  }

  boolean is(ServerState state) {
    return serverState == state;
  }

  /** A SUCCESS the validator has not rejected: it still counts toward the quorum. */
  boolean successNotInvalid() {
    return outcome == Outcome.SUCCESS && validateState != ValidateState.INVALID;
  }

  /** An outcome that counts as an error replica (BOINC's {@code max_error_results}). */
  boolean isError() {
    return outcome == Outcome.CLIENT_ERROR
        || outcome == Outcome.NO_REPLY
        || outcome == Outcome.VALIDATE_ERROR;
  }
}
