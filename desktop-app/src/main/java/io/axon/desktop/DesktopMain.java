package io.axon.desktop;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts the desktop app. A plain class, not the {@code Application}, so that JavaFX on the class
 * path (the jpackage launcher, {@code ./axon desktop}) starts without module flags.
 */
public final class DesktopMain {
  static final String USAGE =
      """
      Usage: axon desktop [--data-dir DIR] [--minimised] [--smoke-test]
        --data-dir DIR   where the app keeps settings and work (default ~/.axon-desktop)
        --minimised      start in the system tray, without the window
        --smoke-test     show the window, print one line, quit (checks an installed package)
      Screenshots of every view: ./axon desktop --screenshots DIR (from the source tree)
      """;

  private DesktopMain() {}

  public static void main(String[] args) {
    AppOptions options;
    try {
      options = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("axon desktop: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(USAGE);
      return;
    }
    DesktopApp.launch(options);
    System.exit(0);
  }

  /** The options, or null for --help. */
  static AppOptions parse(List<String> args) {
    Path dataDir = AppOptions.defaultDataDir();
    boolean minimised = false;
    boolean smokeTest = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--data-dir" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("--data-dir needs a folder");
          }
          dataDir = Path.of(args.get(++i));
        }
        case "--minimised", "--minimized" -> minimised = true;
        case "--smoke-test" -> smokeTest = true;
        case "-h", "--help" -> {
          return null;
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new AppOptions(
        dataDir, AppOptions.defaultAutostartDir(System.getenv()), minimised, smokeTest);
  }
}
