package io.axon.desktop.autostart;

import io.axon.desktop.AppOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Start at login": on Linux an XDG autostart entry ({@code ~/.config/autostart/axon-desktop
 * .desktop}) that starts the app minimised to the tray. Windows and macOS are documented in
 * docs/DESKTOP.md (a shortcut in shell:startup; a login item).
 */
@Singleton
public final class Autostart {
  public static final String FILE_NAME = "axon-desktop.desktop";

  private final Path file;

  @Inject
  public Autostart(AppOptions options) {
    this.file = options.autostartDir().resolve(FILE_NAME);
  }

  /** Whether this system has XDG autostart (Linux and BSD desktops). */
  public boolean supported() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return !os.contains("win") && !os.contains("mac");
  }

  public Path file() {
    return file;
  }

  public boolean enabled() {
    return Files.exists(file);
  }

  /** Writes or removes the autostart entry. */
  public void set(boolean enabled) throws IOException {
    if (!enabled) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, entry(command()), StandardCharsets.UTF_8);
  }

  static String entry(List<String> command) {
    StringBuilder exec = new StringBuilder();
    for (String part : command) {
      if (exec.length() > 0) {
        exec.append(' ');
      }
      exec.append(quote(part));
    }
    return "[Desktop Entry]\n"
        + "Type=Application\n"
        + "Name=Axon\n"
        + "Comment=Volunteer computing for machine learning\n"
        + "Exec="
        + exec
        + "\n"
        + "Icon=axon-desktop\n"
        + "Terminal=false\n"
        + "X-GNOME-Autostart-enabled=true\n";
  }

  /** The command that started this app, plus {@code --minimised}. */
  static List<String> command() {
    List<String> command = new ArrayList<>();
    String launcher = System.getProperty("jpackage.app-path");
    if (launcher != null) {
      command.add(launcher); // the installed package's launcher
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path", "").replace(File.pathSeparator, ":"));
      command.add("io.axon.desktop.DesktopMain");
    }
    command.add("--minimised");
    return command;
  }

  /** Quoting per the Desktop Entry Specification's Exec key. */
  private static String quote(String arg) {
    if (arg.matches("[A-Za-z0-9_./:=+-]+")) {
      return arg;
    }
    return "\"" + arg.replaceAll("([\"`$\\\\])", "\\\\$1") + "\"";
  }
}
