package io.axon.desktop.volunteering;

/** Where a work unit stands on this computer, as the Tasks view shows it. */
public enum UnitState {
  /** Being downloaded or trained. */
  RUNNING,
  /** In hand, but computing is suspended (paused, snoozed, on battery, ...). */
  SUSPENDED,
  /** Trained; the result waits on disk for the coordinator to be reachable. */
  WAITING_TO_UPLOAD,
  /** Trained and handed in. */
  REPORTED,
  /** Trained, but the coordinator no longer wanted it. */
  REJECTED,
  /** Interrupted when the app stopped; it continues from its checkpoint next time. */
  INTERRUPTED
}
