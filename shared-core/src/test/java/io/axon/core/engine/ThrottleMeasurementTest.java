package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.protocol.WorkAssignment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what a 50 % CPU-time throttle does to the process's CPU use while the engine trains for
 * real with one thread: about 10 s of process CPU time over wall time. It needs a machine that
 * nothing else keeps busy, so it runs only when asked:
 *
 * <pre>
 *   mvn -B -pl shared-core test -Dtest=ThrottleMeasurementTest -Daxon.measureThrottle=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "axon.measureThrottle", matches = "true")
class ThrottleMeasurementTest {
  private static final Duration WINDOW = Duration.ofSeconds(10);

  @TempDir Path dataDir;

  @Test
  void aFiftyPercentThrottleHoldsTheProcessToHalfACpuWithinTenPoints() throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Preferences fifty =
        PreferenceOverrides.apply(
            Preferences.defaults(),
            Map.of("inUse.cpuTimePercent", "50", "notInUse.cpuTimePercent", "50"));
    // first unthrottled, as a baseline of what this machine gives the thread right now
    AtomicReference<Preferences> preferences = new AtomicReference<>(Preferences.defaults());
    try (FakeCoordinator coordinator = FakeCoordinator.start()) {
      WorkAssignment unit = coordinator.offerLogistic(200_000, 1_000_000); // never done in time
      AtomicInteger epochs = new AtomicInteger();
      AtomicLong trainingThread = new AtomicLong();
      VolunteerEngine engine =
          VolunteerEngine.builder(new EngineConfig(coordinator.url(), dataDir, 1, "throttled"))
              .listener(
                  new EngineListener() {
                    @Override
                    public void epochFinished(WorkAssignment u, int epoch, int of, double loss) {
                      trainingThread.set(Thread.currentThread().getId());
                      epochs.incrementAndGet();
                    }
                  })
              .monitor(new ScriptedMachine())
              .preferences(preferences::get)
              .build();
      CompletableFuture<Void> run =
          CompletableFuture.runAsync(
              () -> {
                try {
                  engine.run();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      EngineFixture.waitUpTo(Duration.ofSeconds(30)).until(() -> epochs.get() > 0);
      // The sleeps below are this measurement's windows (docs/VOLUNTEERING.md: "over 10 s after
      // 2 s of warm-up"), not waits for something to happen: the result is CPU time over them.
      Thread.sleep(2000); // past the JIT's warm-up
      double baseline = cpuPercent(os, Duration.ofSeconds(5));
      preferences.set(fifty);
      Thread.sleep(2000); // into the throttle's rhythm

      long wall0 = System.nanoTime();
      long cpu0 = os.getProcessCpuTime();
      long thread0 = threads.getThreadCpuTime(trainingThread.get());
      Thread.sleep(WINDOW.toMillis());
      long cpu1 = os.getProcessCpuTime();
      long thread1 = threads.getThreadCpuTime(trainingThread.get());
      long wall1 = System.nanoTime();
      engine.stop();
      run.get(30, TimeUnit.SECONDS);

      double wall = wall1 - wall0;
      double process = 100.0 * (cpu1 - cpu0) / wall;
      double training = 100.0 * (thread1 - thread0) / wall;
      System.out.printf(
          Locale.ROOT,
          "THROTTLE cpuTimePercent=50, 1 thread, %.1f s: process CPU %.1f %% of one CPU"
              + " (training thread %.1f %%), %d epochs of unit %d; unthrottled just before:"
              + " %.1f %%%n",
          wall / 1e9,
          process,
          training,
          epochs.get(),
          unit.workUnitId(),
          baseline);
      assertThat(process).isBetween(40.0, 60.0);
    }
  }

  /** The process's CPU time over {@code window} of wall time, in % of one CPU. */
  private static double cpuPercent(com.sun.management.OperatingSystemMXBean os, Duration window)
      throws InterruptedException {
    long wall0 = System.nanoTime();
    long cpu0 = os.getProcessCpuTime();
    Thread.sleep(window.toMillis());
    return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
  }
}
