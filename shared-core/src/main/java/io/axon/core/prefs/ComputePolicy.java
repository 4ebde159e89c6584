package io.axon.core.prefs;

import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.UserIdle;
import io.axon.core.prefs.Decision.Cause;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.prefs.Preferences.UsageLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns preferences and the machine's readings into a {@link Decision}: whether to compute and
 * transfer, with how many threads and which duty cycle, and why. Pure logic without threads: the
 * engine calls {@link #decide} every second or so, from one thread; {@link #update} may come from
 * any thread (the apps' settings screen). The policy remembers only what hysteresis needs: since
 * when other programs' CPU load has been above or below the limit, and whether the CPU is cooling
 * down. Local times (schedules) are in the clock's zone.
 *
 * <p>Rules, first match wins: snooze; run mode SUSPENDED; CPU temperature; then, unless the run
 * mode is ALWAYS: on battery, battery charge, run only when idle, the computing schedule, other
 * programs' CPU load. Transfers: snooze, SUSPENDED, the network schedule (not in ALWAYS), the
 * transfer budget. What cannot be measured is listed in {@link Decision#notes()}, never guessed
 * silently.
 */
public final class ComputePolicy {
  /** Degrees below the limit the CPU must cool to before computing resumes. */
  public static final int TEMPERATURE_HYSTERESIS_CELSIUS = 5;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final Clock clock;
  private final TransferBudget budget;
  private volatile Preferences preferences;

  private Instant loadAboveSince;
  private Instant loadBelowSince;
  private double lastOtherLoad;
  private boolean loadSuspended;
  private boolean tooHot;

  /**
   * A policy for {@code preferences}, reading time and zone from {@code clock}.
   *
   * @param budget the transfer counter; null if transfers are not counted (a volume cap is then
   *     reported as not applied)
   */
  public ComputePolicy(Preferences preferences, Clock clock, TransferBudget budget) {
    if (preferences == null || clock == null) {
      throw new IllegalArgumentException("preferences and clock are required");
    }
    this.preferences = preferences;
    this.clock = clock;
    this.budget = budget;
  }

  /** Applies new preferences from the next decision on; hysteresis state is kept. */
  public void update(Preferences preferences) {
    if (preferences == null) {
      throw new IllegalArgumentException("preferences are required");
    }
    this.preferences = preferences;
  }

  /** The preferences in force. */
  public Preferences preferences() {
    return preferences;
  }

  /** Decides what may run now, given the latest readings. */
  public Decision decide(Readings readings) {
    Preferences p = preferences;
    Instant now = clock.instant();
    ZonedDateTime local = now.atZone(clock.getZone());
    List<String> notes = new ArrayList<>();

    UserIdle idle = readings.idle();
    boolean inUse;
    if (idle.isKnown()) {
      inUse = idle.sinceLastInput().compareTo(Duration.ofMinutes(p.inUseMinutes())) < 0;
    } else {
      inUse = true;
      notes.add("idle time unknown: " + idle.method() + "; the in-use limits apply");
    }
    UsageLimits limits = p.limits(inUse);
    trackLoad(readings, limits, p.loadGraceSeconds(), now, notes);
    trackTemperature(readings, p.maxCpuTemperatureCelsius(), notes);
    boolean always = p.runMode() == RunMode.ALWAYS;
    boolean snoozed = p.snoozeUntil() != null && now.isBefore(p.snoozeUntil());

    Cause computeCause = Cause.NONE;
    String computeReason = "computing (computer " + (inUse ? "in use" : "not in use") + ")";
    if (snoozed) {
      computeCause = Cause.SNOOZED;
      computeReason = "snoozed until " + formatLocal(p.snoozeUntil(), local);
    } else if (p.runMode() == RunMode.SUSPENDED) {
      computeCause = Cause.SUSPENDED_BY_USER;
      computeReason = "suspended: run mode is SUSPENDED";
    } else if (tooHot) {
      computeCause = Cause.CPU_TEMPERATURE;
      computeReason = temperatureReason(readings.cpuTemperatureCelsius(), p);
    } else if (!always) {
      if (p.suspendOnBattery() && readings.power() == PowerSource.BATTERY) {
        computeCause = Cause.ON_BATTERY;
        computeReason = "suspended: on battery";
      } else if (p.minBatteryPercent() > 0
          && !Double.isNaN(readings.batteryPercent())
          && readings.batteryPercent() < p.minBatteryPercent()) {
        computeCause = Cause.LOW_BATTERY;
        computeReason =
            "suspended: battery at "
                + Math.round(Math.floor(readings.batteryPercent()))
                + " %, below the minimum of "
                + p.minBatteryPercent()
                + " %";
      } else if (p.runOnlyWhenIdle() && inUse) {
        computeCause = Cause.COMPUTER_IN_USE;
        computeReason =
            idle.isKnown()
                ? "suspended: computer in use (last input "
                    + seconds(idle.sinceLastInput())
                    + " ago)"
                : "suspended: computer treated as in use (idle time unknown: "
                    + idle.method()
                    + ")";
      } else if (!p.computeSchedule().allows(local.toLocalDateTime())) {
        computeCause = Cause.SCHEDULE;
        computeReason =
            "suspended: outside the computing schedule (today: "
                + p.computeSchedule().describe(local.getDayOfWeek())
                + ")";
      } else if (loadSuspended) {
        computeCause = Cause.CPU_LOAD;
        computeReason = loadReason(limits, p.loadGraceSeconds(), now);
      }
    }
    if (p.suspendOnBattery() && readings.power() == PowerSource.UNKNOWN) {
      notes.add("power source unknown: the battery rule is not applied");
    }
    if (p.minBatteryPercent() > 0
        && readings.power() == PowerSource.BATTERY
        && Double.isNaN(readings.batteryPercent())) {
      notes.add("battery charge unknown: the minimum charge is not applied");
    }

    Cause transferCause = Cause.NONE;
    String transferReason = "transfers allowed";
    if (snoozed) {
      transferCause = Cause.SNOOZED;
      transferReason = "transfers paused: snoozed until " + formatLocal(p.snoozeUntil(), local);
    } else if (p.runMode() == RunMode.SUSPENDED) {
      transferCause = Cause.SUSPENDED_BY_USER;
      transferReason = "transfers paused: run mode is SUSPENDED";
    } else if (!always && !p.networkSchedule().allows(local.toLocalDateTime())) {
      transferCause = Cause.SCHEDULE;
      transferReason =
          "transfers paused: outside the network schedule (today: "
              + p.networkSchedule().describe(local.getDayOfWeek())
              + ")";
    } else if (p.network().limitsVolume()) {
      if (budget == null) {
        notes.add("transfer volume not counted: the transfer cap is not applied");
      } else if (budget.exhausted(p.network())) {
        transferCause = Cause.TRANSFER_BUDGET;
        transferReason =
            "transfers paused: "
                + p.network().maxMegabytes()
                + " MB used of "
                + p.network().maxMegabytes()
                + " MB "
                + (p.network().periodDays() == 1
                    ? "today"
                    : "in the last " + p.network().periodDays() + " days")
                + "; computing continues on cached work";
      }
    }

    int cpus = readings.logicalCpus();
    int maxThreads = threads(cpus, limits.maxCpuPercent());
    Map<String, Integer> projectThreads = new TreeMap<>();
    for (Map.Entry<String, Integer> e : p.projectMaxCpuPercent().entrySet()) {
      projectThreads.put(e.getKey(), Math.min(maxThreads, threads(cpus, e.getValue())));
    }
    long maxMemory = -1;
    if (readings.memoryTotalBytes() > 0) {
      maxMemory = readings.memoryTotalBytes() / 100 * limits.maxMemoryPercent();
    } else {
      notes.add("total memory unknown: the memory limit is not applied");
    }
    return new Decision(
        now,
        computeCause == Cause.NONE,
        computeCause,
        computeReason,
        transferCause == Cause.NONE,
        transferCause,
        transferReason,
        inUse,
        maxThreads,
        projectThreads,
        limits.cpuTimePercent(),
        maxMemory,
        notes);
  }

  /** Threads for {@code percent} of {@code cpus}, rounded down, at least one (like BOINC). */
  static int threads(int cpus, int percent) {
    return Math.max(1, cpus * percent / 100);
  }

  private void trackLoad(
      Readings readings, UsageLimits limits, int graceSeconds, Instant now, List<String> notes) {
    double other = readings.otherCpuLoad();
    int limit = limits.suspendAboveOtherCpuPercent();
    if (limit == 0 || Double.isNaN(other)) {
      if (limit != 0) {
        notes.add("CPU load of other programs unknown: the load rule is not applied");
      }
      loadAboveSince = null;
      loadBelowSince = null;
      loadSuspended = false;
      return;
    }
    Duration grace = Duration.ofSeconds(graceSeconds);
    lastOtherLoad = other;
    if (other * 100 > limit) {
      loadBelowSince = null;
      if (loadAboveSince == null) {
        loadAboveSince = now;
      }
      if (!loadSuspended && Duration.between(loadAboveSince, now).compareTo(grace) >= 0) {
        loadSuspended = true;
      }
    } else {
      loadAboveSince = null;
      if (loadSuspended) {
        if (loadBelowSince == null) {
          loadBelowSince = now;
        }
        if (Duration.between(loadBelowSince, now).compareTo(grace) >= 0) {
          loadSuspended = false;
          loadBelowSince = null;
        }
      }
    }
  }

  private String loadReason(UsageLimits limits, int graceSeconds, Instant now) {
    if (loadAboveSince != null) {
      return "suspended: other programs use "
          + Math.round(lastOtherLoad * 100)
          + " % CPU for "
          + seconds(Duration.between(loadAboveSince, now))
          + " (limit "
          + limits.suspendAboveOtherCpuPercent()
          + " %)";
    }
    return "suspended: other programs used more than "
        + limits.suspendAboveOtherCpuPercent()
        + " % CPU; resuming after "
        + graceSeconds
        + " s below it ("
        + seconds(Duration.between(loadBelowSince, now))
        + " so far)";
  }

  private void trackTemperature(Readings readings, int max, List<String> notes) {
    double t = readings.cpuTemperatureCelsius();
    if (max == 0) {
      tooHot = false;
    } else if (Double.isNaN(t)) {
      tooHot = false;
      notes.add("CPU temperature unknown: the temperature limit is not applied");
    } else if (t > max) {
      tooHot = true;
    } else if (t <= max - TEMPERATURE_HYSTERESIS_CELSIUS) {
      tooHot = false;
    }
  }

  private static String temperatureReason(double t, Preferences p) {
    long shown = Math.round(t);
    if (t > p.maxCpuTemperatureCelsius()) {
      return "suspended: CPU at "
          + shown
          + " °C, above the limit of "
          + p.maxCpuTemperatureCelsius()
          + " °C";
    }
    return "suspended: CPU at "
        + shown
        + " °C, cooling down to "
        + (p.maxCpuTemperatureCelsius() - TEMPERATURE_HYSTERESIS_CELSIUS)
        + " °C";
  }

  private static String formatLocal(Instant instant, ZonedDateTime now) {
    ZonedDateTime at = instant.atZone(now.getZone());
    return at.toLocalDate().equals(now.toLocalDate()) ? TIME.format(at) : DATE_TIME.format(at);
  }

  private static String seconds(Duration d) {
    long s = d.getSeconds();
    if (s < 120) {
      return s + " s";
    }
    return (s / 60) + " min";
  }
}
