package io.axon.desktop.volunteering;

import io.axon.core.engine.EngineListener;
import io.axon.core.engine.WorkSummary;
import io.axon.core.protocol.WorkAssignment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one engine through its listener: which units it held, how far each got, and why it waits.
 * Called on the engine's threads; read by the poller; every method is synchronized and short.
 */
final class UnitTracker implements EngineListener {
  /** Units kept for the Tasks view; older ones are dropped. */
  static final int MAX_UNITS = 200;

  private final String project;
  private final Clock clock;
  private final Map<Long, Tracked> units = new LinkedHashMap<>();
  private String waiting = "connecting";
  private long hostId;

  UnitTracker(String project, Clock clock) {
    this.project = project;
    this.clock = clock;
  }

  private static final class Tracked {
    final WorkAssignment unit;
    UnitState state = UnitState.RUNNING;
    double progress;
    double startProgress;
    Instant started;

    Tracked(WorkAssignment unit, Instant started) {
      this.unit = unit;
      this.started = started;
    }
  }

  @Override
  public synchronized void registered(long hostId, String coordinatorUrl, boolean newly) {
    this.hostId = hostId;
  }

  @Override
  public synchronized void workStarted(WorkAssignment unit) {
    Tracked tracked = new Tracked(unit, clock.instant());
    units.remove(unit.workUnitId());
    units.put(unit.workUnitId(), tracked);
    while (units.size() > MAX_UNITS) {
      units.remove(units.keySet().iterator().next());
    }
    waiting = null;
  }

  @Override
  public synchronized void workResumed(WorkAssignment unit, double progress) {
    Tracked tracked = units.get(unit.workUnitId());
    if (tracked != null) {
      tracked.progress = progress;
      tracked.startProgress = progress;
    }
  }

  @Override
  public synchronized void checkpointSaved(WorkAssignment unit, double progress) {
    progress(unit, progress);
  }

  @Override
  public synchronized void trainingProgress(WorkAssignment unit, double progress) {
    progress(unit, progress);
  }

  @Override
  public synchronized void epochFinished(WorkAssignment unit, int epoch, int epochs, double loss) {
    progress(unit, (double) epoch / epochs);
  }

  private void progress(WorkAssignment unit, double progress) {
    Tracked tracked = units.get(unit.workUnitId());
    if (tracked != null && progress > tracked.progress) {
      tracked.progress = Math.min(1, progress);
    }
  }

  @Override
  public synchronized void workFinished(WorkAssignment unit, WorkSummary summary) {
    Tracked tracked = units.get(unit.workUnitId());
    if (tracked == null) {
      return;
    }
    tracked.progress = 1;
    tracked.state =
        switch (summary.upload()) {
          case ACCEPTED -> UnitState.REPORTED;
          case REJECTED -> UnitState.REJECTED;
          case KEPT -> UnitState.WAITING_TO_UPLOAD;
        };
  }

  @Override
  public synchronized void savedResultUploaded(long workUnitId, boolean accepted) {
    Tracked tracked = units.get(workUnitId);
    if (tracked != null) {
      tracked.state = accepted ? UnitState.REPORTED : UnitState.REJECTED;
    }
  }

  @Override
  public synchronized void idle(Duration retryAfter) {
    waiting = "no work from the coordinator; asking again in " + retryAfter.toSeconds() + " s";
  }

  @Override
  public synchronized void error(Throwable error, boolean willRetry) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    waiting = (willRetry ? "retrying: " : "stopped: ") + message;
  }

  /** The engine ended; units still in hand continue from their checkpoints next time. */
  synchronized void ended() {
    for (Tracked tracked : units.values()) {
      if (tracked.state == UnitState.RUNNING) {
        tracked.state = UnitState.INTERRUPTED;
      }
    }
  }

  synchronized long hostId() {
    return hostId;
  }

  /** Why no unit trains, or null while one does. */
  synchronized String waiting() {
    return waiting;
  }

  /** The units, newest first; units in hand shown as suspended if computing is not allowed. */
  synchronized List<UnitStatus> units(boolean computeAllowed) {
    Instant now = clock.instant();
    List<UnitStatus> list = new ArrayList<>();
    for (Tracked t : units.values()) {
      UnitState state =
          t.state == UnitState.RUNNING && !computeAllowed ? UnitState.SUSPENDED : t.state;
      list.add(
          0,
          new UnitStatus(
              project,
              t.unit.workUnitId(),
              t.unit.jobName(),
              t.unit.round(),
              state,
              t.progress,
              Instant.ofEpochMilli(t.unit.deadlineMillis()),
              state == UnitState.RUNNING ? timeLeft(t, now) : null));
    }
    return list;
  }

  /** The rest of the unit at the rate seen since it started here; null before any progress. */
  private static Duration timeLeft(Tracked t, Instant now) {
    double done = t.progress - t.startProgress;
    long millis = Duration.between(t.started, now).toMillis();
    if (done <= 0 || millis <= 0) {
      return null;
    }
    return Duration.ofMillis((long) (millis / done * (1 - t.progress)));
  }
}
