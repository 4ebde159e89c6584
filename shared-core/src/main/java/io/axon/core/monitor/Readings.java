package io.axon.core.monitor;

/**
 * One snapshot of the machine. Fractions are in [0, 1]; a value a platform cannot measure is NaN
 * (or -1 for byte counts).
 *
 * @param systemCpuLoad CPU load of the whole machine, all processes
 * @param processCpuLoad CPU load of this process (Axon's own), as a fraction of all CPUs
 * @param logicalCpus logical processors available
 * @param memoryTotalBytes physical memory, -1 if unknown
 * @param memoryAvailableBytes memory available to new work, -1 if unknown
 * @param power power source
 * @param batteryPercent battery charge in percent (0..100), NaN without a battery or if unknown
 * @param cpuTemperatureCelsius CPU temperature, NaN where no sensor is readable
 * @param idle the user's idle time and how it was detected
 */
public record Readings(
    double systemCpuLoad,
    double processCpuLoad,
    int logicalCpus,
    long memoryTotalBytes,
    long memoryAvailableBytes,
    PowerSource power,
    double batteryPercent,
    double cpuTemperatureCelsius,
    UserIdle idle) {
  public Readings {
    if (logicalCpus < 1) {
      throw new IllegalArgumentException("logicalCpus must be at least 1, got " + logicalCpus);
    }
    if (power == null || idle == null) {
      throw new IllegalArgumentException("power and idle are required");
    }
  }

  /** Non-Axon CPU load: the machine's load minus our own, never below zero; NaN if unknown. */
  public double otherCpuLoad() {
    if (Double.isNaN(systemCpuLoad)) {
      return Double.NaN;
    }
    double own = Double.isNaN(processCpuLoad) ? 0 : processCpuLoad;
    return Math.max(0, systemCpuLoad - own);
  }
}
