package io.axon.core.prefs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine may do right now, and why. Reasons are written for the volunteer ("suspended: on
 * battery").
 *
 * @param time when the decision was taken
 * @param computeAllowed whether training may run
 * @param computeCause the rule that decided it ({@link Cause#NONE} when allowed)
 * @param computeReason why it may or may not, e.g. "suspended: outside the computing schedule"
 * @param transfersAllowed whether downloads and uploads may run
 * @param transferCause the rule that decided it ({@link Cause#NONE} when allowed)
 * @param transferReason why they may or may not
 * @param inUse which profile applies: true for "in use", false for "not in use"
 * @param maxThreads the most training threads for any project
 * @param projectThreads lower thread caps for projects with a per-project CPU cap
 * @param cpuTimePercent the duty cycle: compute this % of the time, rest the remainder
 * @param maxMemoryBytes memory training may use, -1 if total memory is unknown
 * @param notes what could not be measured and was therefore not applied or assumed, e.g. "idle time
 *     unknown: no X11 display"
 */
public record Decision(
    Instant time,
    boolean computeAllowed,
    Cause computeCause,
    String computeReason,
    boolean transfersAllowed,
    Cause transferCause,
    String transferReason,
    boolean inUse,
    int maxThreads,
    Map<String, Integer> projectThreads,
    int cpuTimePercent,
    long maxMemoryBytes,
    List<String> notes) {
  /** The rule behind a suspension; apps may show their own text for each. */
  public enum Cause {
    /** Nothing stops it. */
    NONE,
    /** The volunteer snoozed Axon. */
    SNOOZED,
    /** Run mode SUSPENDED. */
    SUSPENDED_BY_USER,
    /** The CPU is hotter than allowed. */
    CPU_TEMPERATURE,
    /** Running on battery. */
    ON_BATTERY,
    /** Battery charge below the minimum. */
    LOW_BATTERY,
    /** Run only when idle, and the computer is in use (or idle time is unknown). */
    COMPUTER_IN_USE,
    /** Outside the computing or network schedule. */
    SCHEDULE,
    /** Other programs' CPU load above the limit for longer than the grace period. */
    CPU_LOAD,
    /** The transfer volume cap of the period is used up. */
    TRANSFER_BUDGET
  }

  public Decision {
    if (time == null
        || computeCause == null
        || computeReason == null
        || transferCause == null
        || transferReason == null) {
      throw new IllegalArgumentException("time, causes and reasons are required");
    }
    if (computeAllowed != (computeCause == Cause.NONE)
        || transfersAllowed != (transferCause == Cause.NONE)) {
      throw new IllegalArgumentException("a suspension needs a cause, and only a suspension");
    }
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be at least 1, got " + maxThreads);
    }
    if (cpuTimePercent < 1 || cpuTimePercent > 100) {
      throw new IllegalArgumentException("cpuTimePercent must be 1..100, got " + cpuTimePercent);
    }
    projectThreads = Collections.unmodifiableMap(new TreeMap<>(projectThreads));
    notes = List.copyOf(notes);
  }

  /** The most training threads for a work unit of {@code project}. */
  public int threadsFor(String project) {
    Integer capped = projectThreads.get(project);
    return capped == null ? maxThreads : capped;
  }

  /**
   * How long to rest after computing for {@code computed}, so that the duty cycle holds: at 75 %, 3
   * s of computing are followed by 1 s of rest; at 100 %, none.
   */
  public Duration restAfter(Duration computed) {
    return computed.multipliedBy(100 - cpuTimePercent).dividedBy(cpuTimePercent);
  }

  /** "in use" or "not in use". */
  public String profile() {
    return inUse ? "in use" : "not in use";
  }

  /**
   * What changed since {@code previous} (null: the first decision), as event-log lines: each line
   * is a new state with its reason. A reason whose numbers change under the same cause (the load of
   * other programs) is no change, so the log does not fill up.
   */
  public List<String> changesSince(Decision previous) {
    List<String> changes = new ArrayList<>();
    if (previous == null || previous.computeAllowed != computeAllowed) {
      changes.add(computeReason);
    } else if (previous.computeCause != computeCause) {
      changes.add(computeReason);
    }
    if (previous == null || previous.transfersAllowed != transfersAllowed) {
      changes.add(transferReason);
    } else if (previous.transferCause != transferCause) {
      changes.add(transferReason);
    }
    if (previous == null || previous.inUse != inUse) {
      changes.add("profile: computer " + profile());
    }
    if (previous == null
        || previous.maxThreads != maxThreads
        || previous.cpuTimePercent != cpuTimePercent) {
      changes.add(
          "limits: at most "
              + maxThreads
              + (maxThreads == 1 ? " training thread" : " training threads")
              + " at "
              + cpuTimePercent
              + " % CPU time");
    }
    for (String note : notes) {
      if (previous == null || !previous.notes.contains(note)) {
        changes.add(note);
      }
    }
    return changes;
  }
}
