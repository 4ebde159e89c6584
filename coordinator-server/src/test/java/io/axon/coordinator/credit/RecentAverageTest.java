package io.axon.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentAverageTest {
  private static final double DAY = 86_400;
  private static final double HALF_LIFE = 7 * DAY;
  private static final long T0 = 1_795_600_000_000L;

  /**
   * BOINC's {@code update_average} (lib/util.cpp), line by line, in seconds: the reference our
   * millisecond version must agree with. Returns {avg, avg_time}.
   */
  static double[] boincUpdateAverage(
      double now, double workStartTime, double work, double halfLife, double avg, double avgTime) {
    double diff;
    double diffDays;
    double weight;
    if (avgTime != 0) {
      diff = now - avgTime;
      if (diff < 0) {
        diff = 0;
      }
      diffDays = diff / DAY;
      weight = Math.exp(-diff * Math.log(2) / halfLife);
      avg *= weight;
      if ((1.0 - weight) > 1.e-6) {
        avg += (1 - weight) * (work / diffDays);
      } else {
        avg += Math.log(2) * work * DAY / halfLife;
      }
    } else if (work != 0) {
      double dd = (now - workStartTime) / DAY;
      avg = work / dd;
    }
    return new double[] {avg, now};
  }

  /** BOINC's clock in seconds, counted from shortly before T0 (only differences matter). */
  private static double seconds(long millis) {
    return (millis - T0) / 1000.0 + DAY;
  }

  @Test
  void followsBoincsUpdateAverageGrantByGrant() {
    SplittableRandom random = new SplittableRandom(42);
    // our first grant is BOINC's first with the work started half-life / ln 2 earlier
    double firstCredit = 3.5;
    double[] boinc =
        boincUpdateAverage(
            seconds(T0), seconds(T0) - HALF_LIFE / Math.log(2), firstCredit, HALF_LIFE, 0, 0);
    double ours = RecentAverage.add(0, 0, firstCredit, T0);
    assertThat(ours).isCloseTo(boinc[0], within(1e-12));

    long now = T0;
    long oursMillis = T0;
    for (int i = 0; i < 500; i++) {
      // gaps from a millisecond (the tiny-weight branch) to three weeks
      long gap =
          random.nextInt(4) == 0 ? random.nextLong(1, 50) : random.nextLong(1, 21 * 86_400_000L);
      now += gap;
      double credit = random.nextDouble(0, 50);
      boinc = boincUpdateAverage(seconds(now), 0, credit, HALF_LIFE, boinc[0], boinc[1]);
      ours = RecentAverage.add(ours, oursMillis, credit, now);
      oursMillis = now;
      assertThat(ours).as("grant %d", i).isCloseTo(boinc[0], within(1e-9 * (1 + boinc[0])));
    }
  }

  @Test
  void decaysToHalfInSevenDaysAsBoincsUpdateWithoutWork() {
    double avg = 80.0;

    assertThat(RecentAverage.at(avg, T0, T0 + 7 * 86_400_000L)).isCloseTo(40.0, within(1e-12));
    assertThat(RecentAverage.at(avg, T0, T0 + 14 * 86_400_000L)).isCloseTo(20.0, within(1e-12));
    long later = T0 + 280_800_000L; // 3.25 days
    assertThat(RecentAverage.at(avg, T0, later))
        .isCloseTo(
            boincUpdateAverage(seconds(later), 0, 0, HALF_LIFE, avg, seconds(T0))[0],
            within(1e-12));
  }

  @Test
  void neverDecaysBackwardsInTime() {
    assertThat(RecentAverage.at(10.0, T0, T0 - 1000)).isEqualTo(10.0);
    assertThat(RecentAverage.at(10.0, 0, T0)).isEqualTo(10.0);
  }

  @Test
  void aSteadyHostConvergesToItsCreditPerDay() {
    // 100 credits a day, granted hourly, for ten half-lives
    double avg = 0;
    long avgMillis = 0;
    for (long t = T0; t < T0 + 70 * 86_400_000L; t += 3_600_000L) {
      avg = RecentAverage.add(avg, avgMillis, 100.0 / 24, t);
      avgMillis = t;
    }
    assertThat(avg).isCloseTo(100.0, within(0.5));
  }

  @Test
  void aGrantFromAClockBehindTheLastOneCountsAsSimultaneous() {
    double avg = RecentAverage.add(0, 0, 10, T0);

    double behind = RecentAverage.add(avg, T0, 10, T0 - 60_000);

    assertThat(behind).isEqualTo(RecentAverage.add(avg, T0, 10, T0));
  }
}
