package io.axon.volunteer;

import java.time.Instant;
import java.util.List;

/**
 * What a running engine last said about itself: the {@code status.json} it keeps in its data
 * directory (the contract is in docs/VOLUNTEERING.md, "Checking on a running volunteer").
 *
 * @param updatedAt when the engine wrote it; a running engine rewrites it at least every 2 s
 * @param pid the engine's process id, 0 if not given
 * @param coordinator the coordinator in use, "" if not given
 * @param state {@code RUNNING}, {@code SUSPENDED}, {@code IDLE} or {@code STOPPED}
 * @param reason why the engine is in that state, "" when it runs normally
 * @param unit the unit in training, or null
 * @param limits the limits in force, or null if the engine did not say
 * @param notes what the engine could not measure, e.g. "idle time unknown: DISPLAY is not set"
 * @param completedUnits units trained and handed in since the engine started
 * @param recentEvents the last state changes, oldest first
 */
record VolunteerStatus(
    Instant updatedAt,
    long pid,
    String coordinator,
    String state,
    String reason,
    Unit unit,
    Limits limits,
    List<String> notes,
    long completedUnits,
    List<Event> recentEvents) {
  /** The state of an engine that ended normally. */
  static final String STOPPED = "STOPPED";

  public VolunteerStatus {
    if (updatedAt == null) {
      throw new IllegalArgumentException("updatedAt is required");
    }
    if (state == null || state.isEmpty()) {
      throw new IllegalArgumentException("state is required");
    }
    coordinator = coordinator == null ? "" : coordinator;
    reason = reason == null ? "" : reason;
    notes = notes == null ? List.of() : List.copyOf(notes);
    recentEvents = recentEvents == null ? List.of() : List.copyOf(recentEvents);
  }

  /** Whether the engine said it has stopped. */
  boolean stopped() {
    return STOPPED.equalsIgnoreCase(state);
  }

  /**
   * The work unit in training.
   *
   * @param progress from 0 to 1
   * @param memoryBytes the memory it needs, 0 if the engine did not say
   */
  public record Unit(
      long workUnitId, String jobName, int round, double progress, long memoryBytes) {
    public Unit {
      jobName = jobName == null ? "" : jobName;
      if (!(progress >= 0 && progress <= 1)) {
        throw new IllegalArgumentException("progress must be from 0 to 1, got " + progress);
      }
    }
  }

  /**
   * The limits in force.
   *
   * @param profile "in use" or "not in use"
   * @param maxThreads training threads the preferences allow now
   * @param threads training threads in use now
   * @param cpuTimePercent duty cycle in force
   * @param maxMemoryBytes the memory a unit may use, -1 if unknown or not said
   * @param transfersAllowed whether downloads and uploads may happen now
   * @param transferReason why not, "" when they may
   */
  public record Limits(
      String profile,
      int maxThreads,
      int threads,
      int cpuTimePercent,
      long maxMemoryBytes,
      boolean transfersAllowed,
      String transferReason) {
    public Limits {
      profile = profile == null ? "" : profile;
      transferReason = transferReason == null ? "" : transferReason;
    }
  }

  /** A state change with its reason, e.g. "suspended: on battery". */
  public record Event(Instant time, String message) {
    public Event {
      if (time == null) {
        throw new IllegalArgumentException("an event needs a time");
      }
      message = message == null ? "" : message;
    }
  }
}
