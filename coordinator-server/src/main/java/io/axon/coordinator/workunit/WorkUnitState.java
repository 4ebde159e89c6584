package io.axon.coordinator.workunit;

/**
 * The server state of a work unit (BOINC's {@code server_state}). Only {@link WorkUnits} changes
 * it, always with a conditional UPDATE from the expected state:
 *
 * <pre>
 * UNSENT ──send──▶ IN_PROGRESS ──result──▶ DONE
 *    ▲                 │  ▲
 *    └──deadline passed┘  └─ sent again once its deadline passed
 * </pre>
 */
public enum WorkUnitState {
  /** Waiting for a volunteer. */
  UNSENT,
  /** Sent to one host, which must report before the deadline. */
  IN_PROGRESS,
  /** Its result was accepted; it waits for the round to be assimilated. */
  DONE
}
