package io.axon.core.monitor;

/**
 * Tells how long the user has not touched keyboard or mouse. Each platform brings its own; when a
 * method cannot tell, it returns {@link UserIdle#unknown} with the reason instead of guessing.
 * Implementations are thread-safe and never throw.
 */
public interface IdleDetector {
  /** The current idle time, or unknown with the reason why it cannot be detected. */
  UserIdle detect();
}
