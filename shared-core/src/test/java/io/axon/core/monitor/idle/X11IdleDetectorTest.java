package io.axon.core.monitor.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import io.axon.core.monitor.UserIdle;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs against a real X server: Xvfb, which nobody types into, so its idle time is the time since
 * it started. Skipped (by assumption) where Xvfb or libXss is not installed: {@code apt-get install
 * xvfb x11-xserver-utils libxss1}.
 */
class X11IdleDetectorTest {
  private Process xvfb;
  private String display;
  private long startedNanos;

  @BeforeEach
  void startXvfb() throws Exception {
    assumeTrue(onPath("Xvfb"), "Xvfb is not installed");
    assumeTrue(loads("X11") && loads("Xss"), "libX11/libXss are not installed");
    int number = freeDisplayNumber();
    display = ":" + number;
    startedNanos = System.nanoTime();
    xvfb =
        // -noreset: without it the server resets (and restarts its idle clock) whenever its last
        // client disconnects, which the detector's own connection is here, unlike on a desktop
        new ProcessBuilder(
                "Xvfb", display, "-noreset", "-nolisten", "tcp", "-screen", "0", "320x240x24")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path socket = Path.of("/tmp/.X11-unix/X" + number);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Files.exists(socket) || !xvfb.isAlive());
    } catch (ConditionTimeoutException e) {
      // told below
    }
    assumeTrue(Files.exists(socket), "Xvfb did not start");
  }

  @AfterEach
  void stopXvfb() throws InterruptedException {
    if (xvfb != null) {
      xvfb.destroy();
      if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
        xvfb.destroyForcibly();
      }
    }
  }

  @Test
  void reportsTheTimeSinceTheLastInputOnARealXServer() {
    // Xvfb starts its idle clock a little after its socket appears, later on a busy machine:
    // wait until the counter has run for 900 ms rather than for a fixed time
    X11IdleDetector detector = new X11IdleDetector(display);
    UserIdle idle = idleAtLeast(detector, Duration.ofMillis(900));
    Duration sinceStart = Duration.ofNanos(System.nanoTime() - startedNanos);

    assertThat(idle.isKnown()).as(idle.method()).isTrue();
    assertThat(idle.method()).isEqualTo(X11IdleDetector.METHOD);
    assertThat(idle.sinceLastInput())
        .isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThanOrEqualTo(sinceStart.plusMillis(500));
  }

  @Test
  void resettingTheScreenSaverCountsAsInput() throws Exception {
    assumeTrue(onPath("xset"), "xset is not installed");
    X11IdleDetector detector = new X11IdleDetector(display);
    Duration before = idleAtLeast(detector, Duration.ofMillis(1_100)).sinceLastInput();
    assertThat(before).isGreaterThan(Duration.ofSeconds(1));

    long resetStarted = System.nanoTime();
    Process reset = new ProcessBuilder("xset", "-display", display, "s", "reset").start();
    assertThat(reset.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(reset.exitValue()).isZero();
    Duration after = detector.detect().sinceLastInput();
    Duration sinceReset = Duration.ofNanos(System.nanoTime() - resetStarted);

    // The "input" came after xset was started, however slowly a loaded machine runs it: without
    // it the idle time would be the second it had already plus all of sinceReset.
    assertThat(after).isLessThanOrEqualTo(sinceReset);
  }

  @Test
  void aDisplayWithoutAServerIsUnknownNotAnError() throws IOException {
    String nobody = ":" + freeDisplayNumber();

    UserIdle idle = new X11IdleDetector(nobody).detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).isEqualTo("X11: cannot open display " + nobody);
  }

  /** Reads until the idle time reaches {@code wanted}; fails if it does not within 30 s. */
  private static UserIdle idleAtLeast(X11IdleDetector detector, Duration wanted) {
    return await("idle time of at least " + wanted)
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .until(
            detector::detect,
            idle -> !idle.isKnown() || idle.sinceLastInput().compareTo(wanted) >= 0);
  }

  private static int freeDisplayNumber() throws IOException {
    for (int n = 90; n < 200; n++) {
      if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n))
          && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        return n;
      }
    }
    throw new IOException("no free X display number");
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }

  private static boolean loads(String library) {
    try {
      NativeLibrary.getInstance(library);
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }
}
