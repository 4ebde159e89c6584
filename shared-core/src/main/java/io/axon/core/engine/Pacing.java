package io.axon.core.engine;

import io.axon.core.prefs.Decision;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Holds one training run to the governor's decisions, between mini-batches: while computing is not
 * allowed it waits (after asking once for a checkpoint), and under a CPU-time throttle it rests
 * after each {@link #SLICE} of computing for as long as {@link Decision#restAfter} says, so that 50
 * % means one second of computing, one second of rest. Used by the training thread only.
 */
final class Pacing {
  /** Computing time between two rests under a throttle. */
  static final Duration SLICE = Duration.ofSeconds(1);

  private static final Duration LONG_WAIT = Duration.ofHours(1);

  private final Governor governor;
  private final BooleanSupplier cancelled;
  private long sliceStart;
  private boolean suspensionCheckpointed;

  Pacing(Governor governor, BooleanSupplier cancelled) {
    this.governor = governor;
    this.cancelled = cancelled;
  }

  /**
   * True once when a suspension begins, so the run is checkpointed before it waits: a suspension
   * may last hours, and the machine may be switched off meanwhile.
   */
  boolean suspensionBegins() {
    if (governor.current().computeAllowed()) {
      suspensionCheckpointed = false;
      return false;
    }
    if (suspensionCheckpointed) {
      return false;
    }
    suspensionCheckpointed = true;
    return true;
  }

  /** Waits while computing is not allowed, and rests when the throttle's slice is used up. */
  void awaitPermission() throws InterruptedException {
    Decision decision = governor.current();
    if (!decision.computeAllowed()) {
      while (!governor.await(Decision::computeAllowed, cancelled, LONG_WAIT)
          && !cancelled.getAsBoolean()) {
        // still suspended: keep waiting
      }
      sliceStart = System.nanoTime();
      return;
    }
    if (decision.cpuTimePercent() >= 100) {
      sliceStart = 0;
      return;
    }
    long now = System.nanoTime();
    if (sliceStart == 0) {
      sliceStart = now;
      return;
    }
    long computed = now - sliceStart;
    if (computed < SLICE.toNanos()) {
      return;
    }
    // The rest ends early when the volunteer raises the limit or computing is suspended (the
    // kernel then checkpoints before the next mini-batch and waits at the next call), so that a
    // change of mind takes effect at once rather than after a rest of up to 99 s.
    int percent = decision.cpuTimePercent();
    governor.await(
        d -> !d.computeAllowed() || d.cpuTimePercent() > percent,
        cancelled,
        decision.restAfter(Duration.ofNanos(computed)));
    sliceStart = System.nanoTime();
  }
}
