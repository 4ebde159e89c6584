package io.axon.core.protocol;

import java.util.List;

/**
 * {@code POST /api/v1/work}: the volunteer asks for one more work unit.
 *
 * @param threads the training threads it may use
 * @param memoryBytes the memory it may use
 * @param heldUnits the work units it already holds, training or queued (empty if none); the
 *     coordinator resends a unit in progress on this host only when it is not listed here
 * @param flopsPerSecond the floating-point operations per second it measured on finished units, 0
 *     if it does not know yet; when known, the coordinator sends only a unit it can finish in time
 * @param queuedSeconds its estimate of the seconds of work it already holds
 */
public record WorkRequest(
    int threads,
    long memoryBytes,
    List<Long> heldUnits,
    long flopsPerSecond,
    double queuedSeconds) {
  public WorkRequest {
    if (threads < 1 || threads > 4096) {
      throw new IllegalArgumentException("threads must be in [1, 4096], got " + threads);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("memoryBytes must not be negative, got " + memoryBytes);
    }
    heldUnits = heldUnits == null ? List.of() : List.copyOf(heldUnits);
    if (flopsPerSecond < 0) {
      throw new IllegalArgumentException(
          "flopsPerSecond must not be negative, got " + flopsPerSecond);
    }
    if (!(queuedSeconds >= 0) || Double.isInfinite(queuedSeconds)) {
      throw new IllegalArgumentException(
          "queuedSeconds must be finite and not negative, got " + queuedSeconds);
    }
  }

  /** A request from a host that holds no unit and has not measured its speed yet. */
  public WorkRequest(int threads, long memoryBytes) {
    this(threads, memoryBytes, List.of(), 0, 0);
  }
}
