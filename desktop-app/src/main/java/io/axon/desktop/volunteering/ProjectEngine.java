package io.axon.desktop.volunteering;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.eventlog.Event;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.settings.ProjectSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer engine of one attached project, run in this process on a low-priority daemon
 * thread, with its own data directory (identity, cache, checkpoints, results) and the app's shared
 * preferences.
 */
final class ProjectEngine {
  private static final Logger log = LoggerFactory.getLogger(ProjectEngine.class);

  /** Progress shows at every checkpoint as well as at every epoch's end. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  private final ProjectSettings settings;
  private final Path dataDir;
  private final UnitTracker tracker;
  private final VolunteerEngine engine;
  private final boolean nothingToFinish;
  private volatile Thread thread;
  private volatile String failure;
  private volatile boolean ended;

  ProjectEngine(
      ProjectSettings settings,
      Path dataDir,
      PreferencesStore preferences,
      ResourceMonitor monitor,
      String hostName,
      Clock clock) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.tracker = new UnitTracker(settings.coordinatorUrl(), clock);
    int held = heldUnits(dataDir);
    // "no new work": train what is in hand (the engine fetches none while maxUnits is reached)
    this.nothingToFinish = settings.noNewWork() && held == 0;
    EngineConfig config =
        new EngineConfig(
                settings.coordinatorUrl(),
                dataDir,
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                hostName,
                settings.noNewWork() ? Math.max(1, held) : 0)
            .withCheckpointInterval(CHECKPOINT_INTERVAL)
            // the host registers under the volunteer's account, which earns its credit
            .withAccountKey(settings.accountKey());
    this.engine =
        VolunteerEngine.builder(config)
            .listener(tracker)
            .preferences(preferences)
            .monitor(monitor)
            .clock(clock)
            .build();
  }

  ProjectSettings settings() {
    return settings;
  }

  /** Starts the engine on its own thread, unless "no new work" leaves nothing to do. */
  void start() {
    if (nothingToFinish) {
      ended = true;
      return;
    }
    Thread t = new Thread(this::run, "axon-engine " + settings.coordinatorUrl());
    t.setDaemon(true);
    // below the UI, so that volunteering never makes the window sluggish
    t.setPriority(Thread.MIN_PRIORITY);
    thread = t;
    t.start();
  }

  private void run() {
    try {
      engine.run();
    } catch (IOException | RuntimeException e) {
      log.warn("The engine for {} stopped", settings.coordinatorUrl(), e);
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
    } finally {
      tracker.ended();
      ended = true;
    }
  }

  /** Stops the engine (checkpointing a unit in training); blocks for at most a few seconds. */
  void stop() {
    engine.stop();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(15).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  Decision decision() {
    return engine.decision();
  }

  List<Event> events() {
    return engine.recentEvents();
  }

  /** This project as the views show it. */
  ProjectStatus status() {
    Decision decision = engine.decision();
    String waiting = tracker.waiting();
    ProjectState state;
    String reason;
    if (failure != null) {
      state = ProjectState.FAILED;
      reason = failure;
    } else if (ended && settings.noNewWork()) {
      state = ProjectState.NO_NEW_WORK;
      reason = "no new work: the units in hand are done";
    } else if (decision != null && !decision.computeAllowed()) {
      state = ProjectState.SUSPENDED;
      reason = decision.computeReason();
    } else if (waiting == null && !ended) {
      state = ProjectState.RUNNING;
      reason = settings.noNewWork() ? "no new work after the units in hand" : "";
    } else {
      state = ProjectState.IDLE;
      reason = waiting == null ? "" : waiting;
    }
    return new ProjectStatus(settings, state, reason, tracker.hostId());
  }

  List<UnitStatus> units() {
    Decision decision = engine.decision();
    return tracker.units(decision == null || decision.computeAllowed());
  }

  /** Units saved in the data directory and not yet trained (each has a checkpoint folder). */
  static int heldUnits(Path dataDir) {
    Path dir = dataDir.resolve("checkpoints");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> units = Files.list(dir)) {
      return (int) units.filter(d -> Files.exists(d.resolve("assignment.json"))).count();
    } catch (IOException e) {
      return 0;
    }
  }

  Path dataDir() {
    return dataDir;
  }
}
