package io.axon.android.engine;

import android.content.Context;
import android.os.Build;
import io.axon.android.Project;
import io.axon.android.VolunteerStatus.UnitProgress;
import io.axon.android.monitor.AndroidResourceMonitor;
import io.axon.core.common.Sha256;
import io.axon.core.eventlog.Event;
import io.axon.core.eventlog.EventLog;
import io.axon.core.prefs.Preferences;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Runs the shared-core engine for each attached project while the service says so. Each project has
 * its data directory under the app's private files ({@code files/projects/<hash of the URL>}),
 * which Android keeps across process deaths and updates and removes only with the app.
 */
@Singleton
public final class EngineHost {
  private final Context context;
  private final AndroidResourceMonitor monitor;
  private final List<ProjectRun> runs = new ArrayList<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final EventLog hostEvents = EventLog.inMemory(200, Clock.systemUTC());
  private List<Event> lastEvents = List.of();
  private int completed;

  @Inject
  public EngineHost(Context context, AndroidResourceMonitor monitor) {
    this.context = context;
    this.monitor = monitor;
  }

  /** Called (on an engine thread) when a unit starts, progresses or ends. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /** The data directory of {@code project}. */
  public Path dataDir(String coordinatorUrl) {
    String id = Sha256.hex(coordinatorUrl.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    return context.getFilesDir().toPath().resolve("projects").resolve(id);
  }

  /** Starts an engine for each project not running yet; {@code threads} each. */
  public synchronized void start(
      List<Project> projects, int threads, Supplier<Preferences> preferences) {
    runs.removeIf(ProjectRun::ended);
    for (Project project : projects) {
      boolean running =
          runs.stream()
              .anyMatch(r -> r.project().coordinatorUrl().equals(project.coordinatorUrl()));
      if (running) {
        continue;
      }
      ProjectRun run =
          new ProjectRun(
              project,
              dataDir(project.coordinatorUrl()),
              threads,
              hostName(),
              monitor,
              preferences,
              hostEvents::record,
              this::changed);
      runs.add(run);
      run.start();
    }
  }

  /** Stops every engine (units in training are checkpointed); blocks for a few seconds at most. */
  public void stop() {
    List<ProjectRun> stopping;
    synchronized (this) {
      stopping = new ArrayList<>(runs);
    }
    for (ProjectRun run : stopping) {
      run.stop();
    }
    synchronized (this) {
      List<Event> events = new ArrayList<>();
      for (ProjectRun run : stopping) {
        events.addAll(run.events());
        completed += run.completed();
      }
      if (!events.isEmpty()) {
        lastEvents = List.copyOf(events);
      }
      runs.removeAll(stopping);
    }
    changed();
  }

  /** Stops the engine of one project, e.g. when it is detached. */
  public void stop(String coordinatorUrl) {
    ProjectRun found = null;
    synchronized (this) {
      for (ProjectRun run : runs) {
        if (run.project().coordinatorUrl().equals(coordinatorUrl)) {
          found = run;
        }
      }
    }
    if (found != null) {
      found.stop();
      synchronized (this) {
        runs.remove(found);
      }
    }
  }

  /** True while an engine runs. */
  public synchronized boolean running() {
    return runs.stream().anyMatch(r -> !r.ended());
  }

  /** The unit in hand of the first project that has one, or null. */
  public synchronized UnitProgress unit() {
    for (ProjectRun run : runs) {
      UnitProgress unit = run.unit();
      if (unit != null && !run.ended()) {
        return unit;
      }
    }
    return null;
  }

  /** Units trained and handed in since the app started. */
  public synchronized int completed() {
    int n = completed;
    for (ProjectRun run : runs) {
      n += run.completed();
    }
    return n;
  }

  /** A failure that ended an engine, or null. */
  public synchronized String failure() {
    for (ProjectRun run : runs) {
      if (run.failure() != null) {
        return run.project().coordinatorUrl() + ": " + run.failure();
      }
    }
    return null;
  }

  /** The engines' recent events (of the last run when none runs), oldest first. */
  public synchronized List<Event> events() {
    List<Event> events = new ArrayList<>(hostEvents.recent());
    if (runs.isEmpty()) {
      events.addAll(lastEvents);
      return events;
    }
    for (ProjectRun run : runs) {
      events.addAll(run.events());
    }
    return events;
  }

  private void changed() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  private static String hostName() {
    String model = Build.MODEL == null || Build.MODEL.isEmpty() ? "Android phone" : Build.MODEL;
    return model.length() > 100 ? model.substring(0, 100) : model;
  }
}
