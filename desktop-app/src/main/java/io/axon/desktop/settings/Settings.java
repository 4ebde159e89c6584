package io.axon.desktop.settings;

import io.axon.desktop.theme.ThemeChoice;
import java.util.List;

/**
 * What the desktop app keeps in {@code desktop.json}: the persisted form, kept apart from the
 * observable {@link AppSettings} the UI binds to. The engine's own preferences live in {@code
 * preferences.json} beside it.
 *
 * @param projects the attached projects
 * @param theme light, dark, or following the operating system
 * @param startMinimised start with the window hidden in the system tray
 * @param startAtLogin start the app when the user logs in
 */
public record Settings(
    List<ProjectSettings> projects,
    ThemeChoice theme,
    boolean startMinimised,
    boolean startAtLogin) {
  public static final Settings DEFAULTS = new Settings(List.of(), ThemeChoice.SYSTEM, false, false);

  public Settings {
    projects = projects == null ? List.of() : List.copyOf(projects);
    theme = theme == null ? ThemeChoice.SYSTEM : theme;
  }
}
