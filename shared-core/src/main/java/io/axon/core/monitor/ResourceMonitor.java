package io.axon.core.monitor;

/**
 * What the engine needs to know about the machine it runs on, behind our own interface so that each
 * platform (desktop through OSHI, Android through its battery intents) brings its own. Thread-safe;
 * implementations cache readings for a short time, so calling {@link #read} often is cheap.
 */
public interface ResourceMonitor {
  /** The latest readings; values a platform cannot measure are reported as unknown. */
  Readings read();
}
