package io.axon.core.engine;

import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A machine whose readings the test sets: it starts quiet (4 CPUs, on mains power, nobody at the
 * keyboard for an hour, no other load, no temperature sensor). Thread-safe.
 */
public final class ScriptedMachine implements ResourceMonitor {
  private volatile Readings readings = quiet();
  private volatile int reads;

  static Readings quiet() {
    return new Readings(
        0.0,
        0.0,
        4,
        16_000_000_000L,
        8_000_000_000L,
        PowerSource.AC,
        Double.NaN,
        Double.NaN,
        new UserIdle(Duration.ofHours(1), "scripted"));
  }

  @Override
  public Readings read() {
    reads++;
    return readings;
  }

  /** How often the engine has read this machine. */
  public int reads() {
    return reads;
  }

  public ScriptedMachine set(Readings next) {
    readings = next;
    return this;
  }

  public ScriptedMachine onBattery() {
    return power(PowerSource.BATTERY, 80);
  }

  public ScriptedMachine onMains() {
    return power(PowerSource.AC, Double.NaN);
  }

  /** Other programs use {@code fraction} of the machine's CPU. */
  public ScriptedMachine otherLoad(double fraction) {
    return change(r -> r.systemCpuLoad = fraction);
  }

  /** Someone uses the keyboard right now: the "in use" limits apply. */
  public ScriptedMachine userActive() {
    return change(r -> r.idle = new UserIdle(Duration.ZERO, "scripted"));
  }

  /** Nobody has touched the keyboard for an hour: the "not in use" limits apply. */
  public ScriptedMachine userAway() {
    return change(r -> r.idle = new UserIdle(Duration.ofHours(1), "scripted"));
  }

  /** The machine has {@code totalBytes} of memory, half of it available. */
  public ScriptedMachine memory(long totalBytes) {
    return change(
        r -> {
          r.memoryTotalBytes = totalBytes;
          r.memoryAvailableBytes = totalBytes / 2;
        });
  }

  private ScriptedMachine power(PowerSource power, double percent) {
    return change(
        r -> {
          r.power = power;
          r.batteryPercent = percent;
        });
  }

  /** Replaces the readings with a copy that {@code edit} changed. */
  private synchronized ScriptedMachine change(Consumer<Draft> edit) {
    Draft draft = new Draft(readings);
    edit.accept(draft);
    return set(draft.readings());
  }

  /** The readings' values, to change some of them. */
  private static final class Draft {
    double systemCpuLoad;
    double processCpuLoad;
    int logicalCpus;
    long memoryTotalBytes;
    long memoryAvailableBytes;
    PowerSource power;
    double batteryPercent;
    double cpuTemperatureCelsius;
    UserIdle idle;

    Draft(Readings r) {
      systemCpuLoad = r.systemCpuLoad();
      processCpuLoad = r.processCpuLoad();
      logicalCpus = r.logicalCpus();
      memoryTotalBytes = r.memoryTotalBytes();
      memoryAvailableBytes = r.memoryAvailableBytes();
      power = r.power();
      batteryPercent = r.batteryPercent();
      cpuTemperatureCelsius = r.cpuTemperatureCelsius();
      idle = r.idle();
    }

    Readings readings() {
      return new Readings(
          systemCpuLoad,
          processCpuLoad,
          logicalCpus,
          memoryTotalBytes,
          memoryAvailableBytes,
          power,
          batteryPercent,
          cpuTemperatureCelsius,
          idle);
    }
  }
}
