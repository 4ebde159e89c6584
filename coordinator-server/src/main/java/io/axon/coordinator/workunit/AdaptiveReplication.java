package io.axon.coordinator.workunit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * BOINC's adaptive replication: a host that returned {@value #THRESHOLD} or more valid results in a
 * row is trusted with a unit alone with probability {@code 1 - 1/n}, n being its run of valid
 * results. An invalid result or a missed deadline resets the run (the {@link Transitioner} and
 * {@link ResultService} do that), so a host that starts cheating is soon checked again.
 */
@Singleton
public final class AdaptiveReplication {
  /** Valid results in a row before a host may be trusted alone. */
  public static final int THRESHOLD = 10;

  private final RandomGenerator random;

  /** Draws from each thread's own generator. */
  @Inject
  public AdaptiveReplication() {
    this(null);
  }

  /** Draws from {@code random} (thread-safe, e.g. a seeded {@link java.util.Random}) in tests. */
  public AdaptiveReplication(RandomGenerator random) {
    this.random = random;
  }

  /** Whether a unit sent now to a host with {@code consecutiveValid} goes without replicas. */
  public boolean trustAlone(int consecutiveValid) {
    if (consecutiveValid < THRESHOLD) {
      return false;
    }
    RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
    return r.nextDouble() >= 1.0 / consecutiveValid;
  }
}
