package io.axon.core.engine;

import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.ResourceMonitor;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;

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
    Readings r = readings;
    return set(
        new Readings(
            fraction,
            0.0,
            r.logicalCpus(),
            r.memoryTotalBytes(),
            r.memoryAvailableBytes(),
            r.power(),
            r.batteryPercent(),
            r.cpuTemperatureCelsius(),
            r.idle()));
  }

  /** Someone uses the keyboard right now: the "in use" limits apply. */
  public ScriptedMachine userActive() {
    return idle(Duration.ZERO);
  }

  /** Nobody has touched the keyboard for an hour: the "not in use" limits apply. */
  public ScriptedMachine userAway() {
    return idle(Duration.ofHours(1));
  }

  private ScriptedMachine idle(Duration sinceLastInput) {
    Readings r = readings;
    return set(
        new Readings(
            r.systemCpuLoad(),
            r.processCpuLoad(),
            r.logicalCpus(),
            r.memoryTotalBytes(),
            r.memoryAvailableBytes(),
            r.power(),
            r.batteryPercent(),
            r.cpuTemperatureCelsius(),
            new UserIdle(sinceLastInput, "scripted")));
  }

  /** The machine has {@code totalBytes} of memory, half of it available. */
  public ScriptedMachine memory(long totalBytes) {
    Readings r = readings;
    return set(
        new Readings(
            r.systemCpuLoad(),
            r.processCpuLoad(),
            r.logicalCpus(),
            totalBytes,
            totalBytes / 2,
            r.power(),
            r.batteryPercent(),
            r.cpuTemperatureCelsius(),
            r.idle()));
  }

  private ScriptedMachine power(PowerSource power, double percent) {
    Readings r = readings;
    return set(
        new Readings(
            r.systemCpuLoad(),
            r.processCpuLoad(),
            r.logicalCpus(),
            r.memoryTotalBytes(),
            r.memoryAvailableBytes(),
            power,
            percent,
            r.cpuTemperatureCelsius(),
            r.idle()));
  }
}
