package io.axon.core.monitor.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleDetectorsTest {
  @Test
  void picksTheDetectorsThatCanWorkOnEachOs() {
    assertThat(types(IdleDetectors.forOs("Windows 11", Map.of())))
        .containsExactly(WindowsIdleDetector.class);
    assertThat(types(IdleDetectors.forOs("Mac OS X", Map.of())))
        .containsExactly(MacIdleDetector.class);
    assertThat(types(IdleDetectors.forOs("Linux", Map.of("DISPLAY", ":0"))))
        .containsExactly(X11IdleDetector.class, LogindIdleDetector.class);
    assertThat(types(IdleDetectors.forOs("FreeBSD", Map.of())))
        .containsExactly(X11IdleDetector.class);
  }

  @Test
  void anUnknownOsSaysSoInsteadOfGuessing() {
    UserIdle idle = IdleDetectors.forOs("Plan 9", Map.of()).detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).contains("no idle detection for Plan 9");
  }

  @Test
  void thisHeadlessMachineReportsUnknownWithTheReasons() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
    assumeTrue(System.getenv("DISPLAY") == null, "headless only");

    UserIdle idle = IdleDetectors.forCurrentOs().detect();

    if (idle.isKnown()) { // a Linux box with systemd answers through logind
      assertThat(idle.method()).startsWith(LogindIdleDetector.METHOD);
    } else {
      assertThat(idle.method()).contains("X11: DISPLAY is not set").contains("logind: ");
    }
  }

  @Test
  void fallsBackToTheNextDetectorAndListsEveryReasonWhenNoneKnows() {
    IdleDetector logind =
        new LogindIdleDetector(
            command -> {
              throw new IOException("loginctl is not available");
            },
            Clock.systemUTC());
    FallbackIdleDetector chain =
        new FallbackIdleDetector(List.of(X11IdleDetector.fromEnvironment(Map.of()), logind));

    UserIdle idle = chain.detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method())
        .isEqualTo("X11: DISPLAY is not set; logind: loginctl is not available");
  }

  @Test
  void theFirstDetectorThatKnowsWins() {
    AtomicInteger asked = new AtomicInteger();
    UserIdle known = new UserIdle(Duration.ofSeconds(7), "second");
    FallbackIdleDetector chain =
        new FallbackIdleDetector(
            List.of(
                () -> UserIdle.unknown("first cannot"),
                () -> known,
                () -> {
                  asked.incrementAndGet();
                  return new UserIdle(Duration.ZERO, "third");
                }));

    assertThat(chain.detect()).isSameAs(known);
    assertThat(asked).hasValue(0);
  }

  @Test
  void aDetectorThatThrowsCountsAsUnknown() {
    FallbackIdleDetector chain =
        new FallbackIdleDetector(
            List.of(
                () -> {
                  throw new IllegalStateException("boom");
                }));

    assertThat(chain.detect().method()).contains("boom");
  }

  @Test
  void x11DeclinesInAWaylandSession() {
    UserIdle idle =
        X11IdleDetector.fromEnvironment(Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-0"))
            .detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).contains("Wayland");
  }

  @Test
  void windowsAndMacDetectorsDegradeToUnknownWhereTheirLibrariesAreMissing() {
    String os = System.getProperty("os.name");
    assumeTrue(os.startsWith("Linux"), "needs an OS without user32 and IOKit");

    UserIdle windows = new WindowsIdleDetector().detect();
    UserIdle mac = new MacIdleDetector().detect();

    assertThat(windows.isKnown()).isFalse();
    assertThat(windows.method()).startsWith("Windows: cannot load");
    assertThat(mac.isKnown()).isFalse();
    assertThat(mac.method()).startsWith("macOS: cannot load");
  }

  @Test
  void aLibraryThatFailedToLoadIsNotRetriedOnEveryReading() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "needs an OS without user32");
    WindowsIdleDetector detector = new WindowsIdleDetector();

    UserIdle first = detector.detect();

    // a retry would fail differently ("Could not initialize class ..."), so equal means remembered
    assertThat(detector.detect().method()).isEqualTo(first.method());
  }

  private static List<Class<?>> types(FallbackIdleDetector chain) {
    return chain.detectors().stream().<Class<?>>map(Object::getClass).toList();
  }
}
