package io.axon.coordinator.workunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void sameJobRoundAndShardAlwaysGiveTheSameSeed() {
    assertThat(Seeds.workUnit(42, 3, 7)).isEqualTo(Seeds.workUnit(42, 3, 7));
  }

  @Test
  void everyUnitOfAJobGetsItsOwnSeed() {
    Set<Long> seeds = new HashSet<>();
    for (int round = 1; round <= 100; round++) {
      for (int shard = 0; shard < 100; shard++) {
        seeds.add(Seeds.workUnit(42, round, shard));
      }
    }
    assertThat(seeds).hasSize(100 * 100);
  }

  @Test
  void jobsWithNeighbouringSeedsDoNotShareUnitSeeds() {
    Set<Long> seeds = new HashSet<>();
    for (long job = 0; job < 50; job++) {
      for (int shard = 0; shard < 50; shard++) {
        seeds.add(Seeds.workUnit(job, 1, shard));
      }
    }
    assertThat(seeds).hasSize(50 * 50);
  }
}
