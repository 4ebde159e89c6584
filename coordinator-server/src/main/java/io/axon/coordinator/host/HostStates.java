package io.axon.coordinator.host;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.core.protocol.HostInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells from a host's silence whether it is online, not responding or offline: nothing is stored,
 * so the thresholds can change with the configuration and the state is never stale.
 */
public final class HostStates {
  private final Duration notRespondingAfter;
  private final Duration offlineAfter;

  public HostStates(Duration notRespondingAfter, Duration offlineAfter) {
    if (offlineAfter.compareTo(notRespondingAfter) <= 0) {
      throw new IllegalArgumentException("offlineAfter must be longer than notRespondingAfter");
    }
    this.notRespondingAfter = notRespondingAfter;
    this.offlineAfter = offlineAfter;
  }

  public static HostStates of(CoordinatorConfig config) {
    return new HostStates(config.hostNotRespondingAfter(), config.hostOfflineAfter());
  }

  /** The state of a host last heard from at {@code lastSeen}, as of {@code now}. */
  public HostInfo.State at(Instant lastSeen, Instant now) {
    Duration silence = Duration.between(lastSeen, now);
    if (silence.compareTo(offlineAfter) > 0) {
      return HostInfo.State.OFFLINE;
    }
    if (silence.compareTo(notRespondingAfter) > 0) {
      return HostInfo.State.NOT_RESPONDING;
    }
    return HostInfo.State.ONLINE;
  }

  /** Hosts last seen at or after this instant are online at {@code now}. */
  public Instant onlineSince(Instant now) {
    return now.minus(notRespondingAfter);
  }

  /** Hosts last seen at or after this instant are not offline at {@code now}. */
  public Instant notOfflineSince(Instant now) {
    return now.minus(offlineAfter);
  }
}
