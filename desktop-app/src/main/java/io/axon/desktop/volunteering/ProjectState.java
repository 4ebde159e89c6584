package io.axon.desktop.volunteering;

/** What the engine of one project does. */
public enum ProjectState {
  /** Starting, or waiting for the coordinator or for work. */
  IDLE,
  /** Training a unit. */
  RUNNING,
  /** Computing is not allowed right now; the reason says why. */
  SUSPENDED,
  /** "No new work" is on and the units in hand are done. */
  NO_NEW_WORK,
  /** The engine gave up (e.g. the data directory is unusable); the reason says why. */
  FAILED
}
