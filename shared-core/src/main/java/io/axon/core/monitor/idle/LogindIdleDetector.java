package io.axon.core.monitor.idle;

import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Linux with systemd: the idle hints that logind keeps for every login session, read with {@code
 * loginctl} (no root needed). It sees all users' sessions, so it also works for a daemon that runs
 * as its own user outside the desktop session.
 *
 * <ul>
 *   <li>Terminal sessions (tty, ssh): {@code IdleSinceHint} is the terminal's last access time, so
 *       the idle time is exact to a few seconds.
 *   <li>Graphical sessions (x11, wayland): the desktop sets {@code IdleHint} only after its own
 *       idle delay (GNOME: 5 minutes) and {@code IdleSinceHint} is when it did so. Idle then means
 *       "at least now - IdleSinceHint", not idle means "in use" (reported as zero). A desktop that
 *       never sets the hint therefore always looks in use: the cautious side.
 *   <li>Several sessions: the shortest idle time wins; a session whose idle time is unknown makes
 *       the answer unknown unless another session is in use right now.
 *   <li>Nobody logged in: idle for at least as long as this detector has seen no session.
 * </ul>
 */
public final class LogindIdleDetector implements IdleDetector {
  static final String METHOD = "logind idle hints";

  /** Runs a command and returns its standard output; throws if it cannot or exits non-zero. */
  @FunctionalInterface
  public interface Command {
    String run(List<String> command) throws IOException;
  }

  private final Command command;
  private final Clock clock;
  private long noSessionSinceMillis = -1;

  /** Runs the real {@code loginctl}. */
  public LogindIdleDetector() {
    this(LogindIdleDetector::exec, Clock.systemUTC());
  }

  /** Runs {@code loginctl} through {@code command}, timing with {@code clock}. */
  public LogindIdleDetector(Command command, Clock clock) {
    this.command = command;
    this.clock = clock;
  }

  @Override
  public synchronized UserIdle detect() {
    List<String> ids = new ArrayList<>();
    List<Map<String, String>> sessions;
    try {
      for (String line : lines(command.run(List.of("loginctl", "list-sessions", "--no-legend")))) {
        String[] fields = line.trim().split("\\s+");
        if (!fields[0].isEmpty()) {
          ids.add(fields[0]);
        }
      }
      if (ids.isEmpty()) {
        sessions = List.of();
      } else {
        List<String> show = new ArrayList<>(List.of("loginctl", "show-session"));
        show.addAll(ids);
        show.addAll(
            List.of(
                "-p", "Id", "-p", "Class", "-p", "Type", "-p", "IdleHint", "-p", "IdleSinceHint"));
        sessions = blocks(command.run(show));
      }
    } catch (IOException e) {
      return UserIdle.unknown("logind: " + e.getMessage());
    }
    return fromSessions(sessions);
  }

  private UserIdle fromSessions(List<Map<String, String>> sessions) {
    long nowMicros = clock.millis() * 1000;
    Duration shortest = null;
    String unknownSession = null;
    int interactive = 0;
    for (Map<String, String> s : sessions) {
      String type = s.getOrDefault("Type", "");
      boolean graphical = type.equals("x11") || type.equals("wayland") || type.equals("mir");
      if (!"user".equals(s.get("Class")) || !(graphical || type.equals("tty"))) {
        continue; // greeters, user managers, sessions without a terminal take no input
      }
      interactive++;
      boolean hint = "yes".equals(s.get("IdleHint"));
      long since = parseLong(s.get("IdleSinceHint"));
      Duration idle;
      if (graphical && !hint) {
        idle = Duration.ZERO;
      } else if (since > 0) {
        idle = Duration.ofNanos(Math.max(0, nowMicros - since) * 1000);
      } else {
        unknownSession = s.getOrDefault("Id", "?");
        continue;
      }
      shortest = shortest == null || idle.compareTo(shortest) < 0 ? idle : shortest;
    }
    if (interactive == 0) {
      long now = clock.millis();
      if (noSessionSinceMillis < 0) {
        noSessionSinceMillis = now;
      }
      return new UserIdle(
          Duration.ofMillis(now - noSessionSinceMillis), METHOD + " (nobody logged in)");
    }
    noSessionSinceMillis = -1;
    if (shortest != null && (unknownSession == null || shortest.isZero())) {
      return new UserIdle(shortest, METHOD);
    }
    return UserIdle.unknown("logind: session " + unknownSession + " has no idle hint");
  }

  private static long parseLong(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.trim().isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** {@code show-session} prints one block of key=value lines per session, blank-line separated. */
  private static List<Map<String, String>> blocks(String text) {
    List<Map<String, String>> blocks = new ArrayList<>();
    Map<String, String> current = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.trim().isEmpty()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new HashMap<>();
        }
      } else if (eq > 0) {
        current.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  private static String exec(List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(command.get(0) + " is not available (" + e.getMessage() + ")", e);
    }
    try {
      process.getOutputStream().close();
      // The output is a few lines, far below a pipe's buffer, so waiting before reading is safe.
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        throw new IOException(command.get(0) + " did not answer within 2 s");
      }
      String output = readAll(process.getInputStream());
      if (process.exitValue() != 0) {
        String first = output.trim().isEmpty() ? "" : ": " + lines(output).get(0).trim();
        throw new IOException(
            command.get(0) + " " + command.get(1) + " exited " + process.exitValue() + first);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8.name());
  }
}
