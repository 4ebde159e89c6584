package io.axon.core.monitor.idle;

import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks its detectors in order and returns the first known idle time. When none can tell, the result
 * is unknown and its method lists every detector's reason. The method in use is logged once each
 * time it changes, not on every reading.
 */
public final class FallbackIdleDetector implements IdleDetector {
  private static final Logger log = LoggerFactory.getLogger(FallbackIdleDetector.class);

  private final List<IdleDetector> detectors;
  private String lastMethod;

  /** Tries {@code detectors} in this order. */
  public FallbackIdleDetector(List<IdleDetector> detectors) {
    if (detectors.isEmpty()) {
      throw new IllegalArgumentException("at least one detector is required");
    }
    this.detectors = List.copyOf(detectors);
  }

  /** The detectors, in the order they are asked. */
  public List<IdleDetector> detectors() {
    return detectors;
  }

  @Override
  public UserIdle detect() {
    List<String> reasons = new ArrayList<>();
    for (IdleDetector detector : detectors) {
      UserIdle idle;
      try {
        idle = detector.detect();
      } catch (RuntimeException e) {
        idle = UserIdle.unknown(detector.getClass().getSimpleName() + " failed: " + e);
      }
      if (idle.isKnown()) {
        report(idle.method(), true);
        return idle;
      }
      reasons.add(idle.method());
    }
    UserIdle unknown = UserIdle.unknown(String.join("; ", reasons));
    report(unknown.method(), false);
    return unknown;
  }

  private synchronized void report(String method, boolean known) {
    if (method.equals(lastMethod)) {
      return;
    }
    lastMethod = method;
    if (known) {
      log.info("user idle detection: {}", method);
    } else {
      log.warn("user idle detection unavailable ({})", method);
    }
  }
}
