package io.axon.core.monitor.oshi;

import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.Memoized;
import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.UserIdle;
import io.axon.core.monitor.idle.IdleDetectors;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The desktop {@link ResourceMonitor}, on OSHI (Windows, macOS, Linux, BSD). Loads are measured
 * between two readings: the system's from the CPU tick counters, ours from this process's user and
 * kernel time over its uptime, divided by the logical CPUs. The first reading measures from the
 * monitor's creation; a reading less than {@value #MIN_SAMPLE_MILLIS} ms after the last sample
 * repeats the last load (NaN at first) instead of dividing jiffies by almost nothing.
 *
 * <p>Readings are cached for a short time (default {@link #DEFAULT_TTL}); thread-safe.
 */
public final class OshiResourceMonitor implements ResourceMonitor {
  private static final Logger log = LoggerFactory.getLogger(OshiResourceMonitor.class);

  /** How long one reading is reused. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

  /** The shortest interval over which a load is computed. */
  static final long MIN_SAMPLE_MILLIS = 200;

  /** Above this a CPU sensor is reporting garbage (some give 127/128 for "no sensor"). */
  private static final double MAX_PLAUSIBLE_CELSIUS = 125;

  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final HardwareAbstractionLayer hardware;
  private final OperatingSystem os;
  private final IdleDetector idle;
  private final int pid;
  private final Memoized<Readings> cached;

  // Sampling state, touched only inside measure(), which Memoized serialises.
  private long[] lastTicks;
  private double systemLoad = Double.NaN;
  private OSProcess lastProcess;
  private double processLoad = Double.NaN;

  OshiResourceMonitor(SystemInfo system, IdleDetector idle, Duration ttl, LongSupplier nanoClock) {
    this.hardware = system.getHardware();
    this.processor = hardware.getProcessor();
    this.memory = hardware.getMemory();
    this.os = system.getOperatingSystem();
    this.idle = idle;
    this.pid = os.getProcessId();
    this.lastTicks = processor.getSystemCpuLoadTicks();
    this.lastProcess = os.getProcess(pid);
    this.cached = Memoized.of(this::measure, ttl, nanoClock);
  }

  /** A monitor with the OS's idle detectors and the default cache time. */
  public static OshiResourceMonitor create() {
    return create(IdleDetectors.forCurrentOs(), DEFAULT_TTL);
  }

  /**
   * A monitor that asks {@code idle} for the user's idle time and reuses readings for {@code ttl}.
   */
  public static OshiResourceMonitor create(IdleDetector idle, Duration ttl) {
    return new OshiResourceMonitor(new SystemInfo(), idle, ttl, System::nanoTime);
  }

  @Override
  public Readings read() {
    return cached.get();
  }

  private Readings measure() {
    int cpus = Math.max(1, processor.getLogicalProcessorCount());
    sampleSystemLoad(cpus);
    sampleProcessLoad(cpus);
    List<oshi.hardware.PowerSource> batteries = powerSources();
    UserIdle userIdle = idle.detect();
    return new Readings(
        systemLoad,
        processLoad,
        cpus,
        orUnknown(memory.getTotal()),
        orUnknown(memory.getAvailable()),
        power(batteries),
        batteryPercent(batteries),
        cpuTemperature(),
        userIdle);
  }

  private void sampleSystemLoad(int cpus) {
    long[] ticks = processor.getSystemCpuLoadTicks();
    long elapsed = 0; // milliseconds, summed over all CPUs
    for (int i = 0; i < ticks.length; i++) {
      elapsed += ticks[i] - lastTicks[i];
    }
    if (elapsed >= MIN_SAMPLE_MILLIS * cpus) {
      systemLoad = clamp(processor.getSystemCpuLoadBetweenTicks(lastTicks, ticks));
      lastTicks = ticks;
    } else if (elapsed < 0) {
      lastTicks = ticks; // counters reset (e.g. a CPU went offline): start over
    }
  }

  private void sampleProcessLoad(int cpus) {
    OSProcess now = os.getProcess(pid);
    if (now == null) {
      processLoad = Double.NaN;
      return;
    }
    if (lastProcess == null) {
      lastProcess = now;
      return;
    }
    long wall = now.getUpTime() - lastProcess.getUpTime();
    if (wall >= MIN_SAMPLE_MILLIS) {
      long cpu =
          now.getUserTime()
              + now.getKernelTime()
              - lastProcess.getUserTime()
              - lastProcess.getKernelTime();
      processLoad = clamp((double) cpu / wall / cpus);
      lastProcess = now;
    } else if (wall < 0) {
      lastProcess = now;
    }
  }

  /**
   * No battery means mains power; otherwise on-line or charging wins over discharging; null (the
   * list could not be read) is unknown.
   */
  static PowerSource power(List<oshi.hardware.PowerSource> batteries) {
    if (batteries == null) {
      return PowerSource.UNKNOWN;
    }
    if (batteries.isEmpty()) {
      return PowerSource.AC;
    }
    boolean discharging = false;
    for (oshi.hardware.PowerSource battery : batteries) {
      if (battery.isPowerOnLine() || battery.isCharging()) {
        return PowerSource.AC;
      }
      discharging |= battery.isDischarging();
    }
    return discharging ? PowerSource.BATTERY : PowerSource.UNKNOWN;
  }

  /** The mean charge of the batteries that report one, in percent; NaN if none does. */
  static double batteryPercent(List<oshi.hardware.PowerSource> batteries) {
    if (batteries == null) {
      return Double.NaN;
    }
    double sum = 0;
    int count = 0;
    for (oshi.hardware.PowerSource battery : batteries) {
      double fraction = battery.getRemainingCapacityPercent();
      if (fraction >= 0 && fraction <= 1) {
        sum += fraction;
        count++;
      }
    }
    return count == 0 ? Double.NaN : 100 * sum / count;
  }

  /** Null when the platform cannot list its power sources, so that power reads as unknown. */
  private List<oshi.hardware.PowerSource> powerSources() {
    try {
      return hardware.getPowerSources();
    } catch (RuntimeException e) {
      log.debug("no power sources from OSHI", e);
      return null;
    }
  }

  private double cpuTemperature() {
    try {
      return plausibleCelsius(hardware.getSensors().getCpuTemperature());
    } catch (RuntimeException e) { // e.g. WMI refusing on Windows
      log.debug("no CPU temperature from OSHI", e);
      return Double.NaN;
    }
  }

  /** OSHI reports 0 when it finds no sensor; anything outside (0, 125] °C is not a reading. */
  static double plausibleCelsius(double celsius) {
    return celsius > 0 && celsius <= MAX_PLAUSIBLE_CELSIUS ? celsius : Double.NaN;
  }

  private static double clamp(double fraction) {
    if (Double.isNaN(fraction)) {
      return Double.NaN;
    }
    return Math.max(0, Math.min(1, fraction));
  }

  private static long orUnknown(long bytes) {
    return bytes > 0 ? bytes : -1;
  }
}
