package io.axon.core.protocol;

/** {@code POST /api/v1/heartbeat}: the volunteer is alive, and what it is doing. */
public record Heartbeat(HostState state, Long workUnitId, int threads) {
  public Heartbeat {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative, got " + threads);
    }
  }

  /** What a volunteer is doing right now. */
  public enum HostState {
    IDLE,
    WORKING,
    PAUSED
  }
}
