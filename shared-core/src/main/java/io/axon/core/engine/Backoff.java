package io.axon.core.engine;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponentially growing waits after failures, capped, with jitter so that many volunteers do not
 * all come back at the same moment after a coordinator restart. Not thread-safe.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final SplittableRandom random = new SplittableRandom();
  private long nextMillis;

  Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = initialMillis;
  }

  /** The wait before the next attempt: between half and all of the current step, which doubles. */
  Duration next() {
    long step = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    return Duration.ofMillis(step / 2 + random.nextLong(step / 2 + 1));
  }

  /** After a success: the next failure waits the initial step again. */
  void reset() {
    nextMillis = initialMillis;
  }
}
