package io.axon.core.engine;

import io.axon.core.prefs.Decision;
import io.axon.core.protocol.WorkAssignment;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link VolunteerEngine} is doing, for a console, a window or a notification. Callbacks run
 * on the engine's threads (the one in {@link VolunteerEngine#run()}, the governor's, or the
 * heartbeat thread when it has to register again) and should return quickly; all default to doing
 * nothing.
 */
public interface EngineListener {
  /** An engine listener that ignores everything. */
  EngineListener NONE = new EngineListener() {};

  /**
   * The engine knows who it is: {@code newlyRegistered} if the coordinator just gave it this host
   * id (at first start, or again because the coordinator had forgotten it), false if it reuses the
   * identity saved in its data directory.
   */
  default void registered(long hostId, String coordinatorUrl, boolean newlyRegistered) {}

  /**
   * A work unit was assigned, or taken up again after a restart; downloading and training start
   * now.
   */
  default void workStarted(WorkAssignment unit) {}

  /**
   * {@code unit}, interrupted in an earlier run, continues from its checkpoint with {@code
   * progress} (0 to 1) of its training already done. Called after {@link #workStarted}.
   */
  default void workResumed(WorkAssignment unit, double progress) {}

  /** The progress of {@code unit} was saved to the data directory; {@code progress} is 0 to 1. */
  default void checkpointSaved(WorkAssignment unit, double progress) {}

  /**
   * {@code unit}'s training got to {@code progress} (0 to 1) within an epoch: sent at most about a
   * thousand times per unit, so that a progress bar moves during long epochs.
   */
  default void trainingProgress(WorkAssignment unit, double progress) {}

  /** One local epoch of {@code unit} finished (1-based) with this mean training loss. */
  default void epochFinished(WorkAssignment unit, int epoch, int epochs, double meanLoss) {}

  /** {@code unit} was trained and its result uploaded, rejected, or kept on disk for later. */
  default void workFinished(WorkAssignment unit, WorkSummary summary) {}

  /** A result saved on disk by an earlier attempt was finally handed in. */
  default void savedResultUploaded(long workUnitId, boolean accepted) {}

  /** The coordinator has no work; the engine asks again after {@code retryAfter}. */
  default void idle(Duration retryAfter) {}

  /**
   * What the engine may do changed (suspended, resumed, other limits): {@code changes} are the
   * event-log lines, e.g. "suspended: on battery". Called on the engine's governor thread.
   */
  default void decided(Decision decision, List<String> changes) {}

  /**
   * Something failed. If {@code willRetry}, the engine backs off and carries on; otherwise {@link
   * VolunteerEngine#run()} is about to throw it.
   */
  default void error(Throwable error, boolean willRetry) {}
}
