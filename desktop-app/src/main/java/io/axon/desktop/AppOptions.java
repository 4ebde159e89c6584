package io.axon.desktop;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the app was started with.
 *
 * @param dataDir where the app keeps its settings, the preferences and each project's engine data
 * @param autostartDir where "start at login" puts its XDG autostart entry ({@code
 *     ~/.config/autostart})
 * @param minimised start hidden in the system tray (also set by the "start minimised" setting)
 * @param smokeTest show the main window, print a line, and quit: for checking an installed package
 */
public record AppOptions(Path dataDir, Path autostartDir, boolean minimised, boolean smokeTest) {
  public AppOptions {
    if (dataDir == null || autostartDir == null) {
      throw new IllegalArgumentException("a data directory and an autostart folder are required");
    }
  }

  /** The default data directory, {@code ~/.axon-desktop}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".axon-desktop");
  }

  /** {@code $XDG_CONFIG_HOME/autostart}, or {@code ~/.config/autostart}. */
  public static Path defaultAutostartDir(Map<String, String> env) {
    String config = env.get("XDG_CONFIG_HOME");
    Path base =
        config == null || config.isBlank()
            ? Path.of(System.getProperty("user.home"), ".config")
            : Path.of(config);
    return base.resolve("autostart");
  }
}
