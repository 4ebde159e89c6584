package io.axon.android.engine;

import io.axon.android.Project;
import io.axon.android.VolunteerStatus.UnitProgress;
import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.engine.WorkSummary;
import io.axon.core.eventlog.Event;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.prefs.Preferences;
import io.axon.core.protocol.WorkAssignment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of the shared-core engine for one attached project, on its own low-priority thread, with
 * the project's data directory in app-private storage (identity, cache, checkpoints, results: a
 * killed process loses at most {@link #CHECKPOINT_INTERVAL} of training). An engine runs once: a
 * new run continues from the checkpoints the last one left.
 */
final class ProjectRun implements EngineListener {
  /** Phones get killed; progress is saved this often (and whenever the run is stopped). */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  private final Project project;
  private final VolunteerEngine engine;
  private final Consumer<String> record;
  private final Runnable changed;
  private final Thread thread;
  private volatile WorkAssignment unit;
  private volatile double progress;
  private volatile int completed;
  private volatile String failure;
  private volatile boolean ended;

  ProjectRun(
      Project project,
      Path dataDir,
      int threads,
      String hostName,
      ResourceMonitor monitor,
      Supplier<Preferences> preferences,
      Consumer<String> record,
      Runnable changed) {
    this.project = project;
    this.record = record;
    this.changed = changed;
    EngineConfig config =
        new EngineConfig(project.coordinatorUrl(), dataDir, threads, hostName, 0)
            .withCheckpointInterval(CHECKPOINT_INTERVAL)
            .withAccountKey(project.accountKey());
    this.engine =
        VolunteerEngine.builder(config)
            .listener(this)
            .monitor(monitor)
            .preferences(preferences)
            .build();
    this.thread = new Thread(this::run, "axon-engine " + project.coordinatorUrl());
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      engine.run();
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    } finally {
      ended = true;
      changed.run();
    }
  }

  /** Stops the engine: a unit in training is checkpointed. Blocks for at most a few seconds. */
  void stop() {
    engine.stop();
    try {
      thread.join(Duration.ofSeconds(15).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Project project() {
    return project;
  }

  boolean ended() {
    return ended;
  }

  String failure() {
    return failure;
  }

  int completed() {
    return completed;
  }

  UnitProgress unit() {
    WorkAssignment u = unit;
    return u == null ? null : new UnitProgress(u.workUnitId(), u.jobName(), progress);
  }

  List<Event> events() {
    return engine.recentEvents();
  }

  @Override
  public void workStarted(WorkAssignment unit) {
    this.unit = unit;
    this.progress = 0;
    record.accept("unit " + unit.workUnitId() + " of " + unit.jobName() + " started");
    changed.run();
  }

  @Override
  public void workResumed(WorkAssignment unit, double progress) {
    this.unit = unit;
    this.progress = progress;
    record.accept(
        "unit "
            + unit.workUnitId()
            + " resumes from its checkpoint at "
            + Math.round(progress * 100)
            + " %");
    changed.run();
  }

  @Override
  public void checkpointSaved(WorkAssignment unit, double progress) {
    this.progress = progress;
    changed.run();
  }

  @Override
  public void epochFinished(WorkAssignment unit, int epoch, int epochs, double meanLoss) {
    this.progress = Math.max(progress, (double) epoch / epochs);
    changed.run();
  }

  @Override
  public void workFinished(WorkAssignment unit, WorkSummary summary) {
    this.unit = null;
    this.progress = 0;
    completed++;
    record.accept(
        "unit "
            + unit.workUnitId()
            + switch (summary.upload()) {
              case ACCEPTED -> " handed in";
              case REJECTED -> " refused by the coordinator";
              case KEPT -> " trained; the result waits for the network";
            });
    changed.run();
  }
}
