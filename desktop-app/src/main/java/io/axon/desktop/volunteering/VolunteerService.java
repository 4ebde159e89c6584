package io.axon.desktop.volunteering;

import io.axon.core.eventlog.Event;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.oshi.OshiResourceMonitor;
import io.axon.core.prefs.Decision;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import io.axon.desktop.AppOptions;
import io.axon.desktop.settings.AppSettings;
import io.axon.desktop.settings.ProjectSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one in-process volunteer engine per attached project and answers for all of them. Every
 * method that may block (starting or stopping an engine, reading or writing a file) runs on one
 * low-priority background thread and returns a future, so the FX thread never waits on an engine.
 */
@Singleton
public final class VolunteerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VolunteerService.class);

  private final AppSettings settings;
  private final Path dataDir;
  private final PreferencesStore preferences;
  private final Clock clock;
  private final ExecutorService worker;
  private final Map<String, ProjectEngine> engines = new LinkedHashMap<>();
  private volatile ResourceMonitor monitor;
  private volatile Preferences lastPreferences = Preferences.defaults();
  private volatile String preferencesProblem;

  @Inject
  public VolunteerService(AppOptions options, AppSettings settings, Clock clock) {
    this.settings = settings;
    this.dataDir = options.dataDir();
    this.preferences = new PreferencesStore(options.dataDir());
    this.clock = clock;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "axon-desktop-worker");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
  }

  /** The preferences file every engine follows. */
  public PreferencesStore preferencesStore() {
    return preferences;
  }

  /** Starts an engine for each project in the settings. */
  public CompletableFuture<Void> start() {
    return CompletableFuture.runAsync(
        () -> {
          for (ProjectSettings project : settings.get().projects()) {
            startEngine(project);
          }
        },
        worker);
  }

  /** Attaches to a project (or updates one already attached) and starts volunteering for it. */
  public CompletableFuture<Void> attach(ProjectSettings project) {
    return CompletableFuture.runAsync(
        () -> {
          settings.update(s -> AppSettings.withProject(s, project));
          stopEngine(project.coordinatorUrl());
          startEngine(project);
        },
        worker);
  }

  /** Stops volunteering for a project and forgets it; its data directory stays. */
  public CompletableFuture<Void> detach(String coordinatorUrl) {
    return CompletableFuture.runAsync(
        () -> {
          stopEngine(coordinatorUrl);
          settings.update(s -> AppSettings.withoutProject(s, coordinatorUrl));
        },
        worker);
  }

  /** Turns "no new work" on or off; the engine restarts, resuming its unit from a checkpoint. */
  public CompletableFuture<Void> noNewWork(String coordinatorUrl, boolean on) {
    return CompletableFuture.runAsync(
        () -> {
          ProjectSettings project =
              settings.get().projects().stream()
                  .filter(p -> p.coordinatorUrl().equals(coordinatorUrl))
                  .findFirst()
                  .orElseThrow(
                      () -> new IllegalArgumentException("not attached: " + coordinatorUrl));
          if (project.noNewWork() == on) {
            return;
          }
          ProjectSettings changed = project.withNoNewWork(on);
          settings.update(s -> AppSettings.withProject(s, changed));
          stopEngine(coordinatorUrl);
          startEngine(changed);
        },
        worker);
  }

  /** Loads, changes and saves the preferences; every engine applies them within a second. */
  public CompletableFuture<Preferences> updatePreferences(UnaryOperator<Preferences> change) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Preferences next = change.apply(preferences.load());
            preferences.save(next);
            lastPreferences = next;
            return next;
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        worker);
  }

  /** Pause: run mode SUSPENDED (BOINC's "suspend"). */
  public CompletableFuture<Preferences> pause() {
    return updatePreferences(p -> p.withRunMode(Preferences.RunMode.SUSPENDED));
  }

  /** Resume: back to following the preferences, and no snooze. */
  public CompletableFuture<Preferences> resume() {
    return updatePreferences(
        p -> p.withRunMode(Preferences.RunMode.BY_PREFERENCES).withSnoozeUntil(null));
  }

  /** Snooze: nothing runs for {@code duration}, then everything resumes by itself. */
  public CompletableFuture<Preferences> snooze(Duration duration) {
    return updatePreferences(p -> p.withSnoozeUntil(clock.instant().plus(duration)));
  }

  /**
   * What every engine does now. Runs on the caller's thread and takes no lock that an engine holds
   * for long: call it from a background thread (the poller), never from the FX thread.
   */
  public VolunteerSnapshot snapshot() {
    List<ProjectEngine> running;
    synchronized (engines) {
      running = new ArrayList<>(engines.values());
    }
    List<ProjectStatus> projects = new ArrayList<>();
    List<UnitStatus> units = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    Decision decision = null;
    for (ProjectEngine engine : running) {
      projects.add(engine.status());
      units.addAll(engine.units());
      events.addAll(engine.events());
      Decision d = engine.decision();
      if (d != null && (decision == null || d.time().isAfter(decision.time()))) {
        decision = d;
      }
    }
    events.sort(Comparator.comparing(Event::time));
    return new VolunteerSnapshot(
        clock.instant(), currentPreferences(), decision, projects, units, events, readings());
  }

  /** The saved preferences; the last good ones (and a note in the log) if the file is broken. */
  private Preferences currentPreferences() {
    try {
      lastPreferences = preferences.load();
      preferencesProblem = null;
    } catch (IOException | RuntimeException e) {
      if (!String.valueOf(e.getMessage()).equals(preferencesProblem)) {
        preferencesProblem = String.valueOf(e.getMessage());
        log.warn("Preferences not readable: {}", preferencesProblem);
      }
    }
    return lastPreferences;
  }

  private Readings readings() {
    try {
      return monitor().read();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private ResourceMonitor monitor() {
    ResourceMonitor m = monitor;
    if (m == null) {
      synchronized (this) {
        if (monitor == null) {
          monitor = OshiResourceMonitor.create();
        }
        m = monitor;
      }
    }
    return m;
  }

  private void startEngine(ProjectSettings project) {
    ProjectEngine engine =
        new ProjectEngine(project, projectDir(project), preferences, monitor(), hostName(), clock);
    synchronized (engines) {
      engines.put(project.coordinatorUrl(), engine);
    }
    engine.start();
  }

  private void stopEngine(String coordinatorUrl) {
    ProjectEngine engine;
    synchronized (engines) {
      engine = engines.remove(coordinatorUrl);
    }
    if (engine != null) {
      engine.stop();
    }
  }

  /**
   * Each project's engine keeps its identity, cache and checkpoints in its own folder, one per
   * account: a host registers once, so attaching with another account key must register anew.
   */
  Path projectDir(ProjectSettings project) {
    String slug =
        project
            .coordinatorUrl()
            .replaceFirst("^https?://", "")
            .replaceAll("[^A-Za-z0-9._-]+", "_")
            .toLowerCase(Locale.ROOT);
    if (project.accountKey() != null) {
      slug += "-" + sha256(project.accountKey()).substring(0, 12);
    }
    return dataDir.resolve("projects").resolve(slug);
  }

  private static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : hash) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java", e);
    }
  }

  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      name = "desktop";
    }
    name = name == null || name.isBlank() ? "desktop" : name.trim();
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  /** Stops every engine (each checkpoints its unit); blocks until they have stopped. */
  @Override
  public void close() {
    List<ProjectEngine> running;
    synchronized (engines) {
      running = new ArrayList<>(engines.values());
      engines.clear();
    }
    running.parallelStream().forEach(ProjectEngine::stop);
    worker.shutdownNow();
  }
}
