package io.axon.coordinator.credit;

/**
 * Recent average credit (RAC): an exponentially decaying average of credit per day, BOINC's {@code
 * update_average} with a half-life of 7 days. Work granted now counts fully; after a week it counts
 * half.
 */
public final class RecentAverage {
  public static final double HALF_LIFE_SECONDS = 7 * 86_400.0;
  private static final double SECONDS_PER_DAY = 86_400.0;

  private RecentAverage() {}

  /**
   * The average after {@code credit} granted at {@code nowMillis}, given the average {@code avg}
   * last updated at {@code avgMillis} (0: never).
   */
  public static double add(double avg, long avgMillis, double credit, long nowMillis) {
    if (avgMillis <= 0) {
      // BOINC starts from the credit spread over the time since the work started; we have no
      // start time for a first grant, so we start as if it had been earned over one half-life.
      return credit * Math.log(2) * SECONDS_PER_DAY / HALF_LIFE_SECONDS;
    }
    double diff = Math.max(0, (nowMillis - avgMillis) / 1000.0);
    double weight = Math.exp(-diff * Math.log(2) / HALF_LIFE_SECONDS);
    double decayed = avg * weight;
    if (1.0 - weight > 1e-6) {
      return decayed + (1.0 - weight) * (credit / (diff / SECONDS_PER_DAY));
    }
    return decayed + Math.log(2) * credit * SECONDS_PER_DAY / HALF_LIFE_SECONDS;
  }

  /** The average {@code avg} of {@code avgMillis} as it stands at {@code nowMillis}, decayed. */
  public static double at(double avg, long avgMillis, long nowMillis) {
    if (avgMillis <= 0 || nowMillis <= avgMillis) {
      return avg;
    }
    double diff = (nowMillis - avgMillis) / 1000.0;
    return avg * Math.exp(-diff * Math.log(2) / HALF_LIFE_SECONDS);
  }
}
