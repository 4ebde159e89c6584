package io.axon.core.monitor.idle;

import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks the idle detectors that can work on an operating system, best first. */
public final class IdleDetectors {
  private IdleDetectors() {}

  /** The detector chain for the JVM's own OS and environment. */
  public static FallbackIdleDetector forCurrentOs() {
    return forOs(System.getProperty("os.name", ""), System.getenv());
  }

  /**
   * The detector chain for {@code osName} (as in the {@code os.name} property): Windows
   * GetLastInputInfo; macOS HIDIdleTime; Linux the X11 screensaver extension, then logind; other
   * Unix-likes X11 only; anything else reports unknown.
   */
  public static FallbackIdleDetector forOs(String osName, Map<String, String> env) {
    String os = osName.toLowerCase(Locale.ROOT);
    List<IdleDetector> chain;
    if (os.startsWith("windows")) {
      chain = List.of(new WindowsIdleDetector());
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      chain = List.of(new MacIdleDetector());
    } else if (os.startsWith("linux")) {
      chain = List.of(X11IdleDetector.fromEnvironment(env), new LogindIdleDetector());
    } else if (os.contains("bsd") || os.startsWith("sunos") || os.startsWith("aix")) {
      chain = List.of(X11IdleDetector.fromEnvironment(env));
    } else {
      String why = "no idle detection for " + (osName.isEmpty() ? "an unnamed OS" : osName);
      chain = List.of(() -> UserIdle.unknown(why));
    }
    return new FallbackIdleDetector(chain);
  }
}
