package io.axon.core.prefs;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a volunteer decides about how Axon may use their machine, validated as a whole. The
 * defaults ({@link #defaults()}) and BOINC's equivalents (its GLOBAL_PREFS) are listed in
 * docs/VOLUNTEERING.md; JSON field names and config keys are the component names below.
 *
 * @param runMode ALWAYS ignores the activity rules, BY_PREFERENCES applies them, SUSPENDED stops
 *     all work (BOINC's run mode); default BY_PREFERENCES
 * @param snoozeUntil no computing and no transfers before this instant; null when not snoozed
 * @param inUseMinutes the computer counts as in use for this many minutes after the last keyboard
 *     or mouse input (BOINC idle_time_to_run); default 3
 * @param inUse limits while the computer is in use
 * @param notInUse limits while it is not in use
 * @param runOnlyWhenIdle compute only while the computer is not in use (BOINC run_if_user_active =
 *     false); default false
 * @param suspendOnBattery suspend while running on battery (BOINC run_on_batteries = false);
 *     default true
 * @param minBatteryPercent suspend while the battery charge is below this, 0 to disable (BOINC
 *     battery_charge_min_pct); default 50
 * @param computeSchedule when computing is allowed (BOINC start_hour/end_hour, day_prefs)
 * @param networkSchedule when transfers are allowed (BOINC net_start_hour/net_end_hour)
 * @param network transfer volume and rate limits
 * @param disk disk limits
 * @param loadGraceSeconds how long non-Axon CPU load must stay above (or below) the limit before
 *     computing is suspended (or resumed); default 30; not in BOINC (BOINC issue 6483)
 * @param projectMaxCpuPercent per project or coordinator, the most CPUs in % it may use, on top of
 *     the profile's limit; not in BOINC (issue 1414)
 * @param maxCpuTemperatureCelsius pause above this CPU temperature where a sensor exists, 0 to
 *     disable; resumes 5 degrees below; default 90; not in BOINC (issue 1378)
 */
public record Preferences(
    RunMode runMode,
    Instant snoozeUntil,
    int inUseMinutes,
    UsageLimits inUse,
    UsageLimits notInUse,
    boolean runOnlyWhenIdle,
    boolean suspendOnBattery,
    int minBatteryPercent,
    Schedule computeSchedule,
    Schedule networkSchedule,
    NetworkLimits network,
    DiskLimits disk,
    int loadGraceSeconds,
    Map<String, Integer> projectMaxCpuPercent,
    int maxCpuTemperatureCelsius) {

  /** How the activity rules apply (BOINC's run modes). */
  public enum RunMode {
    /** Compute and transfer regardless of battery, use, schedules and load; limits still apply. */
    ALWAYS,
    /** Follow every preference. */
    BY_PREFERENCES,
    /** No computing and no transfers until the mode changes. */
    SUSPENDED
  }

  private static final Preferences DEFAULTS =
      new Preferences(
          RunMode.BY_PREFERENCES,
          null,
          3,
          new UsageLimits(50, 100, 25, 50),
          new UsageLimits(100, 100, 50, 90),
          false,
          true,
          50,
          Schedule.ALWAYS,
          Schedule.ALWAYS,
          new NetworkLimits(0, 1, 0, 0),
          new DiskLimits(1024),
          30,
          Map.of(),
          90);

  public Preferences {
    require(runMode != null, "runMode must be ALWAYS, BY_PREFERENCES or SUSPENDED");
    requireRange("inUseMinutes", inUseMinutes, 1, 1440, "minutes after the last input");
    require(inUse != null, "inUse limits are required");
    require(notInUse != null, "notInUse limits are required");
    requireRange("minBatteryPercent", minBatteryPercent, 0, 100, "% battery charge");
    require(computeSchedule != null, "computeSchedule is required");
    require(networkSchedule != null, "networkSchedule is required");
    require(network != null, "network limits are required");
    require(disk != null, "disk limits are required");
    requireRange("loadGraceSeconds", loadGraceSeconds, 0, 3600, "seconds");
    require(projectMaxCpuPercent != null, "projectMaxCpuPercent is required (may be empty)");
    TreeMap<String, Integer> projects = new TreeMap<>();
    for (Map.Entry<String, Integer> e : projectMaxCpuPercent.entrySet()) {
      require(
          e.getKey() != null && !e.getKey().trim().isEmpty(),
          "projectMaxCpuPercent needs a project name for each entry");
      require(e.getValue() != null, "projectMaxCpuPercent of " + e.getKey() + " is missing");
      requireRange("projectMaxCpuPercent of " + e.getKey(), e.getValue(), 1, 100, "% of the CPUs");
      projects.put(e.getKey(), e.getValue());
    }
    projectMaxCpuPercent = Collections.unmodifiableMap(projects);
    require(
        maxCpuTemperatureCelsius == 0
            || (maxCpuTemperatureCelsius >= 40 && maxCpuTemperatureCelsius <= 120),
        "maxCpuTemperatureCelsius must be between 40 and 120 degrees, or 0 to disable, got "
            + maxCpuTemperatureCelsius);
  }

  /** The defaults a fresh install starts with. */
  public static Preferences defaults() {
    return DEFAULTS;
  }

  /** The limits of the profile: {@link #inUse} if {@code computerInUse}, else {@link #notInUse}. */
  public UsageLimits limits(boolean computerInUse) {
    return computerInUse ? inUse : notInUse;
  }

  /** A copy in another run mode. */
  public Preferences withRunMode(RunMode mode) {
    return new Preferences(
        mode,
        snoozeUntil,
        inUseMinutes,
        inUse,
        notInUse,
        runOnlyWhenIdle,
        suspendOnBattery,
        minBatteryPercent,
        computeSchedule,
        networkSchedule,
        network,
        disk,
        loadGraceSeconds,
        projectMaxCpuPercent,
        maxCpuTemperatureCelsius);
  }

  /** A copy snoozed until {@code until} (null: not snoozed), e.g. {@code now.plus(1, HOURS)}. */
  public Preferences withSnoozeUntil(Instant until) {
    return new Preferences(
        runMode,
        until,
        inUseMinutes,
        inUse,
        notInUse,
        runOnlyWhenIdle,
        suspendOnBattery,
        minBatteryPercent,
        computeSchedule,
        networkSchedule,
        network,
        disk,
        loadGraceSeconds,
        projectMaxCpuPercent,
        maxCpuTemperatureCelsius);
  }

  /**
   * Limits of one profile (in use / not in use).
   *
   * @param maxCpuPercent at most this % of the logical CPUs run training threads, at least one
   *     (BOINC max_ncpus_pct / niu_max_ncpus_pct)
   * @param cpuTimePercent duty cycle: 75 means compute 3 s, rest 1 s (BOINC cpu_usage_limit /
   *     niu_cpu_usage_limit)
   * @param suspendAboveOtherCpuPercent suspend while other programs use more than this % of the
   *     machine's CPU, 0 to disable (BOINC suspend_cpu_usage / niu_suspend_cpu_usage)
   * @param maxMemoryPercent at most this % of physical memory (BOINC ram_max_used_busy_pct /
   *     ram_max_used_idle_pct)
   */
  public record UsageLimits(
      int maxCpuPercent,
      int cpuTimePercent,
      int suspendAboveOtherCpuPercent,
      int maxMemoryPercent) {
    public UsageLimits {
      requireRange("maxCpuPercent", maxCpuPercent, 1, 100, "% of the CPUs");
      requireRange("cpuTimePercent", cpuTimePercent, 1, 100, "% CPU time");
      requireRange(
          "suspendAboveOtherCpuPercent",
          suspendAboveOtherCpuPercent,
          0,
          100,
          "% CPU load of other programs (0 disables the rule)");
      requireRange("maxMemoryPercent", maxMemoryPercent, 1, 100, "% of the memory");
    }
  }

  /**
   * Network limits; 0 means no limit.
   *
   * @param maxMegabytes at most this many MB up and down together every {@code periodDays} (BOINC
   *     daily_xfer_limit_mb)
   * @param periodDays the rolling period of {@code maxMegabytes}, in days (BOINC
   *     daily_xfer_period_days)
   * @param maxUploadKilobytesPerSecond upload rate cap (BOINC max_bytes_sec_up, in KB/s)
   * @param maxDownloadKilobytesPerSecond download rate cap (BOINC max_bytes_sec_down, in KB/s)
   */
  public record NetworkLimits(
      long maxMegabytes,
      int periodDays,
      long maxUploadKilobytesPerSecond,
      long maxDownloadKilobytesPerSecond) {
    public NetworkLimits {
      require(
          maxMegabytes >= 0, "maxMegabytes must be 0 (no limit) or more MB, got " + maxMegabytes);
      requireRange("periodDays", periodDays, 1, 365, "days");
      require(
          maxUploadKilobytesPerSecond >= 0,
          "maxUploadKilobytesPerSecond must be 0 (no limit) or more KB/s, got "
              + maxUploadKilobytesPerSecond);
      require(
          maxDownloadKilobytesPerSecond >= 0,
          "maxDownloadKilobytesPerSecond must be 0 (no limit) or more KB/s, got "
              + maxDownloadKilobytesPerSecond);
    }

    /** True if a transfer volume cap is set. */
    public boolean limitsVolume() {
      return maxMegabytes > 0;
    }

    /** The volume cap in bytes; {@link Long#MAX_VALUE} without a cap. */
    public long maxBytes() {
      return maxMegabytes == 0 ? Long.MAX_VALUE : maxMegabytes * 1_000_000L;
    }
  }

  /**
   * Disk limits.
   *
   * @param cacheMaxMegabytes at most this many MB of cached work (data shards, models) in the data
   *     directory (BOINC disk_max_used_gb, in MB)
   */
  public record DiskLimits(long cacheMaxMegabytes) {
    public DiskLimits {
      require(
          cacheMaxMegabytes >= 10,
          "cacheMaxMegabytes must be at least 10 MB, got " + cacheMaxMegabytes);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void requireRange(String name, int value, int min, int max, String unit) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + " (" + unit + "), got " + value);
    }
  }
}
