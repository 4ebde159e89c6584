package io.axon.core.engine;

import java.time.Duration;

/**
 * What became of one trained work unit.
 *
 * @param rows rows in the shard
 * @param epochs local epochs trained
 * @param loss mean training loss of the last epoch
 * @param flops floating-point operations performed
 * @param elapsed training time (not counting downloads)
 * @param upload whether the coordinator has the result
 */
public record WorkSummary(
    int rows, int epochs, double loss, long flops, Duration elapsed, Upload upload) {

  /** What happened to a trained result. */
  public enum Upload {
    /** The coordinator took the result. */
    ACCEPTED,
    /** The coordinator refused it (the unit is no longer ours); it was dropped. */
    REJECTED,
    /** The coordinator could not be reached; the result waits on disk and is sent later. */
    KEPT
  }

  /** True if the coordinator took the result. */
  public boolean accepted() {
    return upload == Upload.ACCEPTED;
  }
}
