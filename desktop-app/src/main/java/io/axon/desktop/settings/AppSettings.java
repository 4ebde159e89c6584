package io.axon.desktop.settings;

import io.axon.desktop.AppOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/** The app's settings in force, saved on every change. Thread-safe. */
@Singleton
public final class AppSettings {
  private final SettingsStore store;
  private Settings current;

  @Inject
  public AppSettings(AppOptions options) {
    this.store = new SettingsStore(options.dataDir());
    Settings loaded;
    try {
      loaded = store.load();
    } catch (IOException e) {
      // a damaged file must not keep the app from starting; it is replaced at the next change
      LoggerFactory.getLogger(AppSettings.class)
          .warn("Ignoring unreadable settings: {}", e.getMessage());
      loaded = Settings.DEFAULTS;
    }
    this.current = loaded;
  }

  public synchronized Settings get() {
    return current;
  }

  /** Applies {@code change}, saves the result, and returns it. */
  public synchronized Settings update(UnaryOperator<Settings> change) {
    Settings next = change.apply(current);
    try {
      store.save(next);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    current = next;
    return next;
  }

  /** {@code settings} with {@code project} added or replacing the one with its URL. */
  public static Settings withProject(Settings settings, ProjectSettings project) {
    List<ProjectSettings> projects = new ArrayList<>();
    for (ProjectSettings p : settings.projects()) {
      if (!p.coordinatorUrl().equals(project.coordinatorUrl())) {
        projects.add(p);
      }
    }
    projects.add(project);
    return new Settings(
        projects, settings.theme(), settings.startMinimised(), settings.startAtLogin());
  }

  public static Settings withoutProject(Settings settings, String coordinatorUrl) {
    List<ProjectSettings> projects = new ArrayList<>(settings.projects());
    projects.removeIf(p -> p.coordinatorUrl().equals(coordinatorUrl));
    return new Settings(
        projects, settings.theme(), settings.startMinimised(), settings.startAtLogin());
  }
}
