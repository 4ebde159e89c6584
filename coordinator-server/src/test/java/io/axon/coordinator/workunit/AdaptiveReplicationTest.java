package io.axon.coordinator.workunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveReplicationTest {
  @Test
  void aHostWithFewerThanTenValidResultsInARowIsAlwaysReplicated() {
    AdaptiveReplication adaptive = new AdaptiveReplication(new Random(1));
    for (int n = 0; n < AdaptiveReplication.THRESHOLD; n++) {
      for (int draw = 0; draw < 1000; draw++) {
        assertThat(adaptive.trustAlone(n)).isFalse();
      }
    }
  }

  @Test
  void afterNValidResultsItIsTrustedAloneWithProbabilityOneMinusOneOverN() {
    AdaptiveReplication adaptive = new AdaptiveReplication(new Random(42));
    for (int n : new int[] {10, 20, 100}) {
      int alone = 0;
      int draws = 200_000;
      for (int i = 0; i < draws; i++) {
        if (adaptive.trustAlone(n)) {
          alone++;
        }
      }
      assertThat((double) alone / draws).isCloseTo(1 - 1.0 / n, within(0.005));
    }
  }

  @Test
  void theSameSeedGivesTheSameDecisions() {
    AdaptiveReplication a = new AdaptiveReplication(new Random(7));
    AdaptiveReplication b = new AdaptiveReplication(new Random(7));
    for (int i = 0; i < 1000; i++) {
      assertThat(a.trustAlone(12)).isEqualTo(b.trustAlone(12));
    }
  }
}
