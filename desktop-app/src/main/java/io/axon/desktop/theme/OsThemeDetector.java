package io.axon.desktop.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operating system whether it is in dark mode, each way best-effort: GNOME's {@code
 * color-scheme} (then the GTK theme's name), Windows' {@code AppsUseLightTheme}, macOS's {@code
 * AppleInterfaceStyle}. Empty where none answers. Blocking (runs a command): call it off the FX
 * thread.
 */
public class OsThemeDetector {
  /** Runs a command and returns its output, or null if it failed. */
  interface Commands {
    String run(List<String> command);
  }

  private final String osName;
  private final Commands commands;

  public OsThemeDetector() {
    this(System.getProperty("os.name", ""), OsThemeDetector::run);
  }

  OsThemeDetector(String osName, Commands commands) {
    this.osName = osName.toLowerCase(Locale.ROOT);
    this.commands = commands;
  }

  public Optional<Theme> detect() {
    if (osName.contains("win")) {
      String out =
          commands.run(
              List.of(
                  "reg",
                  "query",
                  "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                  "/v",
                  "AppsUseLightTheme"));
      if (out == null || !out.contains("AppsUseLightTheme")) {
        return Optional.empty();
      }
      return Optional.of(out.trim().endsWith("0x0") ? Theme.DARK : Theme.LIGHT);
    }
    if (osName.contains("mac")) {
      String out = commands.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));
      // the key is missing in light mode: the command fails
      return Optional.of(
          out != null && out.trim().equalsIgnoreCase("dark") ? Theme.DARK : Theme.LIGHT);
    }
    String scheme =
        commands.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    if (scheme != null && scheme.contains("prefer-dark")) {
      return Optional.of(Theme.DARK);
    }
    if (scheme != null && (scheme.contains("prefer-light") || scheme.contains("default"))) {
      String gtk =
          commands.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"));
      boolean dark = gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
      return Optional.of(dark ? Theme.DARK : Theme.LIGHT);
    }
    String gtkTheme = System.getenv("GTK_THEME");
    if (gtkTheme != null && !gtkTheme.isBlank()) {
      return Optional.of(
          gtkTheme.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT);
    }
    return Optional.empty();
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      try (InputStream in = process.getInputStream()) {
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return process.exitValue() == 0 ? out : null;
      }
    } catch (IOException e) {
      return null; // no such command here
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
