package io.axon.coordinator.workunit;

/**
 * The state of a work unit, whose replicas carry the details (see {@link Replica}). Only the {@link
 * Transitioner} and the {@link Assimilator} change it, with conditional UPDATEs:
 *
 * <pre>
 * OPEN ──a quorum of replicas agrees──▶ VALIDATED
 *   │──too many error replicas, or more replicas than maxTotalReplicas needed──▶ FAILED
 *   └──its round closed without it (stragglers)──▶ DROPPED
 * </pre>
 */
public enum WorkUnitState {
  /** Its replicas are out, or waiting for hosts, or being compared. */
  OPEN,
  /** A quorum agreed: it has a canonical result and waits for its round to be assimilated. */
  VALIDATED,
  /** It cannot be done: {@code failure_reason} says why. */
  FAILED,
  /** Its round closed with enough other units; its result is no longer needed. */
  DROPPED
}
