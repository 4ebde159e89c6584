package io.axon.coordinator.workunit;

/**
 * Per-unit seeds derived from the job seed, the round and the shard, so that re-running a work unit
 * anywhere gives the same bits, and no two units of a job share a seed by accident.
 */
public final class Seeds {
  private Seeds() {}

  public static long workUnit(long jobSeed, int round, int shard) {
    long h = mix(jobSeed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ round);
    return mix(h ^ shard);
  }

  /** SplitMix64's finalizer: a bijection that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
