package io.axon.core.protocol;

/**
 * {@code POST /api/v1/heartbeat}: the volunteer is alive, and what it is doing.
 *
 * @param rttMillis the round-trip time the client measured for its previous request to this
 *     coordinator, or null before it has one
 */
public record Heartbeat(HostState state, Long workUnitId, int threads, Long rttMillis) {
  public Heartbeat {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, got " + threads);
    }
    if (rttMillis != null && rttMillis < 0) {
      throw new IllegalArgumentException("rttMillis must not be negative, got " + rttMillis);
    }
  }

  public Heartbeat(HostState state, Long workUnitId, int threads) {
    this(state, workUnitId, threads, null);
  }

  /** What a volunteer is doing right now. */
  public enum HostState {
    IDLE,
    WORKING,
    PAUSED
  }
}
