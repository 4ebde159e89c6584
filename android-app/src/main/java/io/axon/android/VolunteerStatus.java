package io.axon.android;

/**
 * What the app is doing now, for the status screen and the notification.
 *
 * @param state the state
 * @param reason the exact text to show, e.g. "computing", "waiting: battery 71 %, resumes at 90 %",
 *     "stopped", "no project attached"
 * @param unit the work unit in hand, or null when none
 */
public record VolunteerStatus(State state, String reason, UnitProgress unit) {

  /** The states of the app, as the status screen shows them. */
  public enum State {
    /** The switch is off. */
    STOPPED,
    /** The switch is on but no project is attached. */
    NO_PROJECT,
    /** The switch is on and a condition holds computing back; {@code reason} says which. */
    WAITING,
    /** Training, or fetching or handing in work. */
    COMPUTING
  }

  public VolunteerStatus {
    if (state == null || reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("state and reason are required");
    }
  }

  /**
   * A work unit in hand.
   *
   * @param workUnitId the coordinator's id of the unit
   * @param jobName the job it belongs to
   * @param progress 0 to 1
   */
  public record UnitProgress(long workUnitId, String jobName, double progress) {}
}
