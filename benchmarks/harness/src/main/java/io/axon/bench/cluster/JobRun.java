package io.axon.bench.cluster;

import io.axon.core.protocol.JobStatus.RoundMetrics;
import java.util.List;

/**
 * What one job on the cluster measured.
 *
 * @param submitSeconds the upload of the CSV and the coordinator's sharding (POST /api/v1/jobs)
 * @param rounds the job's rounds as the coordinator recorded them
 * @param roundSeconds seconds from the job's creation to the end of each round, in order
 * @param bytesDown bytes the coordinator sent to the volunteers while the job ran
 * @param bytesUp bytes the volunteers sent to the coordinator while the job ran
 * @param coordinatorCpuSeconds CPU time of the coordinator's process while the job ran
 */
public record JobRun(
    double submitSeconds,
    List<RoundMetrics> rounds,
    double[] roundSeconds,
    long bytesDown,
    long bytesUp,
    double coordinatorCpuSeconds) {

  /**
   * Seconds from the job's creation to the first round at or above {@code accuracy}; NaN if none.
   */
  public double secondsTo(double accuracy) {
    for (int i = 0; i < rounds.size(); i++) {
      if (rounds.get(i).accuracy() >= accuracy) {
        return roundSeconds[i];
      }
    }
    return Double.NaN;
  }

  /** Rounds run to reach {@code accuracy}; -1 if never. */
  public int roundsTo(double accuracy) {
    for (int i = 0; i < rounds.size(); i++) {
      if (rounds.get(i).accuracy() >= accuracy) {
        return i + 1;
      }
    }
    return -1;
  }

  public double totalSeconds() {
    return roundSeconds.length == 0 ? 0 : roundSeconds[roundSeconds.length - 1];
  }

  public double finalAccuracy() {
    return rounds.isEmpty() ? Double.NaN : rounds.get(rounds.size() - 1).accuracy();
  }
}
