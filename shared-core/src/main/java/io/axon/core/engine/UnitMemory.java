package io.axon.core.engine;

import io.axon.core.prefs.Decision;
import io.axon.core.protocol.WorkAssignment;
import java.util.Locale;

/**
 * The memory a work unit needs while it trains, estimated from its blob sizes before anything is
 * downloaded, and the check against the preferences' memory limit. Like BOINC, which compares each
 * task's working set with {@code ram_max_used_busy_pct}/{@code ram_max_used_idle_pct} and neither
 * starts nor keeps running a task that does not fit ("waiting for memory"), the engine starts a
 * unit only if its need fits {@link Decision#maxMemoryBytes()} and checkpoints and releases it when
 * the limit drops below its need (e.g. the computer comes into use and the "in use" limit applies).
 */
final class UnitMemory {
  /**
   * Model-sized arrays alive at once besides one gradient per thread: the decoded start model, the
   * parameters in training, their momentum, a checkpoint's copy of both, and the encoded result.
   */
  static final int MODEL_COPIES = 6;

  private UnitMemory() {}

  /**
   * Bytes {@code unit} needs with {@code threads} training threads: the shard twice (its encoding
   * and the decoded floats are both alive while it is decoded; the format stores the same float32
   * values, so the sizes are equal) plus the model {@link #MODEL_COPIES} times and once per thread
   * (the encoding holds the float64 parameters).
   */
  static long bytesNeeded(WorkAssignment unit, int threads) {
    long model = unit.modelBlob().size();
    return 2 * unit.shardBlob().size() + model * (MODEL_COPIES + Math.max(1, threads));
  }

  /** Whether {@code bytes} fit the decision's memory limit; an unknown limit (-1) is no limit. */
  static boolean fits(long bytes, Decision decision) {
    return decision.maxMemoryBytes() < 0 || bytes <= decision.maxMemoryBytes();
  }

  /** "waiting for memory: unit 7 needs 25 MB, the limit is 8 MB (computer in use)". */
  static String waitingReason(WorkAssignment unit, long bytes, Decision decision) {
    return "waiting for memory: unit "
        + unit.workUnitId()
        + " needs "
        + megabytes(bytes)
        + ", the limit is "
        + megabytes(decision.maxMemoryBytes())
        + " (computer "
        + decision.profile()
        + ")";
  }

  static String megabytes(long bytes) {
    double mb = bytes / 1e6;
    return mb < 10
        ? String.format(Locale.ROOT, "%.1f MB", mb)
        : String.format(Locale.ROOT, "%d MB", Math.round(mb));
  }
}
