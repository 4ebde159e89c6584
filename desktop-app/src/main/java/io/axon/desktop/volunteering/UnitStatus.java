package io.axon.desktop.volunteering;

import java.time.Duration;
import java.time.Instant;

/**
 * One work unit this computer has held in this session.
 *
 * @param project the coordinator it came from
 * @param workUnitId its id at that coordinator
 * @param jobName the job it belongs to
 * @param round the job's round
 * @param state where it stands
 * @param progress training progress, 0 to 1
 * @param deadline when the coordinator wants the result
 * @param timeLeft the estimated training time left, or null while unknown
 */
public record UnitStatus(
    String project,
    long workUnitId,
    String jobName,
    int round,
    UnitState state,
    double progress,
    Instant deadline,
    Duration timeLeft) {

  /** True while the unit is in hand (running or suspended). */
  public boolean current() {
    return state == UnitState.RUNNING || state == UnitState.SUSPENDED;
  }
}
