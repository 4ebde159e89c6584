package io.axon.android.engine;

/**
 * What the phone may do now, and why.
 *
 * @param computeAllowed whether training may run
 * @param cause the condition that holds computing back, {@link Cause#NONE} when allowed
 * @param reason the text the status screen and the notification show, e.g. "waiting: battery 71 %,
 *     resumes at 95 %"
 * @param transfersAllowed whether work may be fetched and results handed in
 */
public record PhoneDecision(
    boolean computeAllowed, Cause cause, String reason, boolean transfersAllowed) {

  /** The condition behind a wait, in the order they are checked. */
  public enum Cause {
    NONE,
    /** Charging only, and unplugged. JobScheduler watches this one. */
    NOT_CHARGING,
    /** Below the charge band (hysteresis). */
    BATTERY_LOW,
    /** The battery is too hot (hysteresis). */
    BATTERY_HOT,
    /** Pause while the screen is on, and it is on. */
    SCREEN_ON;

    /** True if JobScheduler's constraints watch this condition, so the service may go away. */
    public boolean watchedByJobScheduler() {
      return this == NOT_CHARGING;
    }
  }
}
