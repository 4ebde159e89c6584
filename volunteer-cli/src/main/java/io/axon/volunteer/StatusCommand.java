package io.axon.volunteer;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code axon volunteer status}: what the volunteer on this data directory is doing, read from the
 * {@value #FILE_NAME} its engine keeps up to date. Exit 0 while it runs, 3 when it does not (as
 * {@code systemctl status}), 1 if the file cannot be read.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Shows what the volunteer on a data directory is doing: its state and why, the unit in"
          + " training, the limits in force and the recent events.",
      "Exit status: 0 running, 3 not running, 1 the status cannot be read."
    })
final class StatusCommand implements Callable<Integer> {
  static final String FILE_NAME = "status.json";

  /** A running engine rewrites its status at least every 2 s; older than this, it is gone. */
  static final Duration STALE_AFTER = Duration.ofSeconds(10);

  static final int RUNNING = 0;
  static final int NOT_RUNNING = 3;

  @Mixin DataDirOption data;

  @Option(names = "--json", description = "Print the status file as the engine wrote it")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  StatusCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    Path file = data.dataDir.resolve(FILE_NAME);
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      // With --json, stdout is for JSON only.
      (json ? err : out).println("not running (no status in " + data.dataDir + ")");
      return NOT_RUNNING;
    }
    VolunteerStatus status = parse(file, text);
    Instant now = clock.instant();
    boolean stale = !status.stopped() && age(status, now).compareTo(STALE_AFTER) > 0;
    if (json) {
      out.print(text.endsWith("\n") ? text : text + "\n");
    } else {
      print(status, stale, now);
    }
    return status.stopped() || stale ? NOT_RUNNING : RUNNING;
  }

  private static VolunteerStatus parse(Path file, String text) throws IOException {
    try {
      return StatusJson.read(text);
    } catch (IOException | JsonDataException | IllegalArgumentException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void print(VolunteerStatus status, boolean stale, Instant now) {
    if (stale) {
      out.println(
          "not running: the engine"
              + (status.pid() > 0 ? " (pid " + status.pid() + ")" : "")
              + " stopped reporting "
              + ago(age(status, now))
              + " without saying it stopped; it crashed or was killed. Last known status:");
    }
    row("state", status.state());
    if (!status.reason().isEmpty()) {
      row("why", status.reason());
    }
    row("coordinator", status.coordinator().isEmpty() ? "unknown" : status.coordinator());
    row("unit", unit(status.unit()));
    VolunteerStatus.Limits limits = status.limits();
    if (limits != null) {
      row(
          "limits",
          String.format(
              Locale.ROOT,
              "profile \"%s\", %d of at most %d %s, cpu time %d %%, memory %s",
              limits.profile(),
              limits.threads(),
              limits.maxThreads(),
              limits.maxThreads() == 1 ? "thread" : "threads",
              limits.cpuTimePercent(),
              limits.maxMemoryBytes() < 0
                  ? "not limited (total unknown)"
                  : "at most " + megabytes(limits.maxMemoryBytes())));
      row(
          "transfers",
          limits.transfersAllowed()
              ? "allowed"
              : "not allowed"
                  + (limits.transferReason().isEmpty()
                      ? ""
                      : " (" + limits.transferReason() + ")"));
    }
    for (String note : status.notes()) {
      row("note", note);
    }
    row("completed", status.completedUnits() + (status.completedUnits() == 1 ? " unit" : " units"));
    row("updated", status.updatedAt() + " (" + ago(age(status, now)) + ")");
    if (!status.recentEvents().isEmpty()) {
      out.println("recent events:");
      for (VolunteerStatus.Event event : status.recentEvents()) {
        out.println("  " + event.time() + " " + event.message());
      }
    }
  }

  private void row(String label, String value) {
    out.printf(Locale.ROOT, "%-12s %s%n", label + ":", value);
  }

  private static String unit(VolunteerStatus.Unit unit) {
    if (unit == null) {
      return "none";
    }
    // Floor, so that 100 % means done; the epsilon keeps 0.29 from showing as 28 %.
    long percent = (long) Math.floor(unit.progress() * 100 + 1e-9);
    return String.format(
            Locale.ROOT,
            "unit %d (%s, round %d): %d %%",
            unit.workUnitId(),
            unit.jobName(),
            unit.round(),
            percent)
        + (unit.memoryBytes() > 0 ? ", needs " + megabytes(unit.memoryBytes()) : "");
  }

  /** Decimal megabytes, as the preferences count them. */
  static String megabytes(long bytes) {
    double mb = bytes / 1e6;
    return mb < 10
        ? String.format(Locale.ROOT, "%.1f MB", mb)
        : String.format(Locale.ROOT, "%,d MB", Math.round(mb));
  }

  private static Duration age(VolunteerStatus status, Instant now) {
    Duration age = Duration.between(status.updatedAt(), now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  static String ago(Duration age) {
    long s = age.getSeconds();
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 2 * 3600) {
      return s / 60 + " min ago";
    }
    if (s < 2 * 86400) {
      return s / 3600 + " h ago";
    }
    return s / 86400 + " days ago";
  }
}
