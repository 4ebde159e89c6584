package io.axon.core.monitor.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.UserIdle;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;

class OshiResourceMonitorTest {
  private static final UserIdle IDLE = new UserIdle(Duration.ofMinutes(5), "test");

  @BeforeAll
  static void quietOshi() {
    // OSHI logs every file it reads at DEBUG; logback's default would print them all.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("oshi"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @Test
  void readsSaneValuesOnThisMachine() {
    OshiResourceMonitor monitor = OshiResourceMonitor.create(() -> IDLE, Duration.ZERO);

    // loads are NaN until MIN_SAMPLE_MILLIS of ticks have passed since the monitor was created (a
    // reading before that keeps the first sample); then the first that has both
    Readings r =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollDelay(Duration.ofMillis(OshiResourceMonitor.MIN_SAMPLE_MILLIS))
            .pollInterval(Duration.ofMillis(50))
            .until(
                monitor::read,
                reading ->
                    !Double.isNaN(reading.systemCpuLoad())
                        && !Double.isNaN(reading.processCpuLoad()));

    assertThat(r.logicalCpus()).isGreaterThanOrEqualTo(1);
    assertThat(r.systemCpuLoad()).isBetween(0.0, 1.0);
    assertThat(r.processCpuLoad()).isBetween(0.0, 1.0);
    assertThat(r.memoryTotalBytes()).isPositive();
    assertThat(r.memoryAvailableBytes()).isPositive().isLessThanOrEqualTo(r.memoryTotalBytes());
    assertThat(r.power()).isIn(PowerSource.AC, PowerSource.UNKNOWN);
    assertThat(Double.isNaN(r.batteryPercent()) || r.batteryPercent() >= 0).isTrue();
    assertThat(Double.isNaN(r.cpuTemperatureCelsius()) || r.cpuTemperatureCelsius() > 0).isTrue();
    assertThat(r.idle()).isSameAs(IDLE);
  }

  @Test
  void processCpuLoadFollowsTheJvmsOwnCountAndRisesWhileABusyThreadSpins()
      throws InterruptedException {
    OshiResourceMonitor monitor = OshiResourceMonitor.create(() -> IDLE, Duration.ZERO);
    CpuCount quietCount = new CpuCount();
    // The two sleeps are measurement windows (OSHI's count against the JVM's over the same wall
    // time), not waits for something to happen.
    Thread.sleep(500);
    Readings quiet = monitor.read();
    double jvmQuiet = quietCount.load(quiet.logicalCpus());

    CpuCount busyCount = new CpuCount();
    AtomicBoolean stop = new AtomicBoolean();
    Thread spinner =
        new Thread(
            () -> {
              long x = 0;
              while (!stop.get()) {
                x += System.nanoTime() % 7;
              }
              if (x == 42) {
                System.out.print("");
              }
            },
            "spinner");
    spinner.start();
    try {
      Thread.sleep(1_000);
      Readings busy = monitor.read();
      double jvmBusy = busyCount.load(busy.logicalCpus());

      // OSHI's count (jiffies from /proc) matches the JVM's own over the same windows.
      assertThat(quiet.processCpuLoad()).isCloseTo(jvmQuiet, offset(0.1));
      assertThat(busy.processCpuLoad()).isCloseTo(jvmBusy, offset(0.1));
      double oneCpu = 1.0 / busy.logicalCpus();
      assumeTrue(
          jvmBusy - jvmQuiet > 0.3 * oneCpu,
          "other work starved the spinner (JVM counted " + jvmQuiet + " -> " + jvmBusy + ")");
      assertThat(busy.processCpuLoad() - quiet.processCpuLoad()).isGreaterThan(0.2 * oneCpu);
      assertThat(busy.systemCpuLoad()).isGreaterThanOrEqualTo(0.2 * oneCpu);
    } finally {
      stop.set(true);
      spinner.join();
    }
  }

  /** The JVM's own process CPU time since creation, as a fraction of all CPUs. */
  private static final class CpuCount {
    private final com.sun.management.OperatingSystemMXBean jvm =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final long cpu = jvm.getProcessCpuTime();
    private final long wall = System.nanoTime();

    double load(int cpus) {
      return (double) (jvm.getProcessCpuTime() - cpu) / (System.nanoTime() - wall) / cpus;
    }
  }

  @Test
  void reusesAReadingWithinTheTtlAndTakesANewOneAfterIt() {
    AtomicLong nanos = new AtomicLong();
    OshiResourceMonitor monitor =
        new OshiResourceMonitor(new SystemInfo(), () -> IDLE, Duration.ofSeconds(1), nanos::get);

    Readings first = monitor.read();
    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    Readings second = monitor.read();
    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    Readings third = monitor.read();

    assertThat(second).isSameAs(first);
    assertThat(third).isNotSameAs(first);
  }

  @Test
  void aMachineWithoutBatteriesRunsOnMains() {
    assertThat(OshiResourceMonitor.power(List.of())).isEqualTo(PowerSource.AC);
    assertThat(OshiResourceMonitor.batteryPercent(List.of())).isNaN();
  }

  @Test
  void powerSourcesThatCannotBeReadAreUnknown() {
    assertThat(OshiResourceMonitor.power(null)).isEqualTo(PowerSource.UNKNOWN);
    assertThat(OshiResourceMonitor.batteryPercent(null)).isNaN();
  }

  @Test
  void aDischargingBatteryMeansBatteryPower() {
    var battery = battery(false, false, true, 0.42);

    assertThat(OshiResourceMonitor.power(List.of(battery))).isEqualTo(PowerSource.BATTERY);
    assertThat(OshiResourceMonitor.batteryPercent(List.of(battery))).isCloseTo(42.0, within());
  }

  @Test
  void aPluggedInOrChargingBatteryMeansMains() {
    assertThat(OshiResourceMonitor.power(List.of(battery(true, false, false, 1.0))))
        .isEqualTo(PowerSource.AC);
    assertThat(OshiResourceMonitor.power(List.of(battery(false, true, false, 0.5))))
        .isEqualTo(PowerSource.AC);
  }

  @Test
  void aBatteryThatSaysNothingLeavesThePowerSourceUnknown() {
    assertThat(OshiResourceMonitor.power(List.of(battery(false, false, false, -1))))
        .isEqualTo(PowerSource.UNKNOWN);
    assertThat(OshiResourceMonitor.batteryPercent(List.of(battery(false, false, false, -1))))
        .isNaN();
  }

  @Test
  void chargeIsTheMeanOfTheBatteriesThatReportOne() {
    var batteries =
        List.of(
            battery(false, false, true, 0.2),
            battery(false, false, true, 0.6),
            battery(false, false, true, -1));

    assertThat(OshiResourceMonitor.batteryPercent(batteries)).isCloseTo(40.0, within());
  }

  @Test
  void missingOrImplausibleTemperaturesAreNaN() {
    assertThat(OshiResourceMonitor.plausibleCelsius(0)).isNaN();
    assertThat(OshiResourceMonitor.plausibleCelsius(128)).isNaN();
    assertThat(OshiResourceMonitor.plausibleCelsius(-5)).isNaN();
    assertThat(OshiResourceMonitor.plausibleCelsius(54.5)).isEqualTo(54.5);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return offset(1e-9);
  }

  /** An OSHI battery that answers the four questions the monitor asks. */
  private static oshi.hardware.PowerSource battery(
      boolean online, boolean charging, boolean discharging, double charge) {
    Map<String, Object> answers =
        Map.of(
            "isPowerOnLine", online,
            "isCharging", charging,
            "isDischarging", discharging,
            "getRemainingCapacityPercent", charge);
    return (oshi.hardware.PowerSource)
        Proxy.newProxyInstance(
            OshiResourceMonitorTest.class.getClassLoader(),
            new Class<?>[] {oshi.hardware.PowerSource.class},
            (proxy, method, args) -> {
              Object answer = answers.get(method.getName());
              if (answer == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answer;
            });
  }
}
