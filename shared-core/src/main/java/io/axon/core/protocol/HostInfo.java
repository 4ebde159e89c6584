package io.axon.core.protocol;

import io.axon.core.training.ModelKind;
import java.util.List;

/**
 * One row of the shared host table ({@code GET /api/v1/hosts}): what a volunteer's machine offers,
 * whose it is, and whether it is still there.
 *
 * @param accountName the volunteer account the host is attached to, or null for an anonymous host
 * @param state derived by the coordinator from the time since the last heartbeat
 * @param lastHeartbeatMillis when the coordinator last heard from the host (registration counts)
 * @param rttMillis the round-trip time the host last reported, or null before it reported one
 * @param threads the threads the host said it trains with in its last heartbeat
 * @param recentAverageCredit the host's recent average credit (credit per day, 7-day half-life) as
 *     it stands now
 */
public record HostInfo(
    long hostId,
    String name,
    String platform,
    int cores,
    long memoryBytes,
    List<ModelKind> kernels,
    String clientVersion,
    String accountName,
    HostInfo.State state,
    long lastHeartbeatMillis,
    Long rttMillis,
    int threads,
    double totalCredit,
    double recentAverageCredit) {
  public HostInfo {
    if (name == null || platform == null || clientVersion == null || state == null) {
      throw new IllegalArgumentException("name, platform, clientVersion and state are required");
    }
    kernels = kernels == null ? List.of() : List.copyOf(kernels);
  }

  /** Whether a host is still there, judged by the time since its last heartbeat. */
  public enum State {
    /** Heard from within the last two heartbeat intervals (configurable). */
    ONLINE,
    /** Silent for longer, but not yet long enough to be counted gone. */
    NOT_RESPONDING,
    /** Silent for longer than the offline threshold (10 minutes by default). */
    OFFLINE
  }
}
