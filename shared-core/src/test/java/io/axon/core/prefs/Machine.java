package io.axon.core.prefs;

import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;

/** Readings of a test machine: 8 CPUs, 16 GB, on mains power, idle for 10 minutes, 50 °C. */
final class Machine {
  static final long GB = 1_000_000_000L;

  private double otherLoad = 0.05;
  private double ownLoad = 0;
  private int cpus = 8;
  private long memory = 16 * GB;
  private PowerSource power = PowerSource.AC;
  private double battery = Double.NaN;
  private double temperature = 50;
  private UserIdle idle = new UserIdle(Duration.ofMinutes(10), "test");

  static Machine quiet() {
    return new Machine();
  }

  Machine otherLoad(double fraction) {
    otherLoad = fraction;
    return this;
  }

  Machine ownLoad(double fraction) {
    ownLoad = fraction;
    return this;
  }

  Machine cpus(int n) {
    cpus = n;
    return this;
  }

  Machine memoryUnknown() {
    memory = -1;
    return this;
  }

  Machine onBattery(double percent) {
    power = PowerSource.BATTERY;
    battery = percent;
    return this;
  }

  Machine charging(double percent) {
    power = PowerSource.AC;
    battery = percent;
    return this;
  }

  Machine powerUnknown() {
    power = PowerSource.UNKNOWN;
    return this;
  }

  Machine temperature(double celsius) {
    temperature = celsius;
    return this;
  }

  Machine lastInput(Duration ago) {
    idle = new UserIdle(ago, "test");
    return this;
  }

  Machine idleUnknown(String why) {
    idle = UserIdle.unknown(why);
    return this;
  }

  Readings read() {
    double system = Double.isNaN(otherLoad) ? Double.NaN : Math.min(1, otherLoad + ownLoad);
    return new Readings(
        system, ownLoad, cpus, memory, memory / 2, power, battery, temperature, idle);
  }
}
