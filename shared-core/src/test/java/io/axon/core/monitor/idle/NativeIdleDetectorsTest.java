package io.axon.core.monitor.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.monitor.UserIdle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Windows and macOS detectors' own logic, with their native calls scripted: this machine has
 * neither user32 nor IOKit, and the real calls have not yet run on those systems.
 */
class NativeIdleDetectorsTest {
  /** A Windows whose answers the test sets. */
  private static final class ScriptedWin32 implements WindowsIdleDetector.Win32 {
    int session = 1;
    Integer lastInput = 1_000;
    int now = 2_500;

    @Override
    public int sessionId() {
      return session;
    }

    @Override
    public Integer lastInputTick() {
      return lastInput;
    }

    @Override
    public int tickCount() {
      return now;
    }

    @Override
    public int lastError() {
      return 5; // ERROR_ACCESS_DENIED
    }
  }

  @Test
  void windowsIdleTimeIsTheTickCountSinceTheLastInput() {
    UserIdle idle = new WindowsIdleDetector(new ScriptedWin32()).detect();

    assertThat(idle.isKnown()).isTrue();
    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofMillis(1_500));
    assertThat(idle.method()).isEqualTo("Windows GetLastInputInfo");
  }

  @Test
  void windowsTickCountsThatWrappedAfter49DaysStillGiveTheRightIdleTime() {
    ScriptedWin32 win32 = new ScriptedWin32();
    win32.lastInput = -11; // 0xFFFFFFF5, 11 ms before the wrap
    win32.now = 5;

    assertThat(new WindowsIdleDetector(win32).detect().sinceLastInput())
        .isEqualTo(Duration.ofMillis(16));
    assertThat(WindowsIdleDetector.idleMillis(Integer.MIN_VALUE, Integer.MAX_VALUE)).isEqualTo(1);
  }

  @Test
  void aWindowsServiceInSessionZeroSaysItCannotSeeInputInsteadOfIdleForever() {
    ScriptedWin32 win32 = new ScriptedWin32();
    win32.session = 0;

    UserIdle idle = new WindowsIdleDetector(win32).detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).contains("session 0");
  }

  @Test
  void aFailedGetLastInputInfoIsUnknownWithItsErrorCode() {
    ScriptedWin32 win32 = new ScriptedWin32();
    win32.lastInput = null;

    UserIdle idle = new WindowsIdleDetector(win32).detect();

    assertThat(idle.isKnown()).isFalse();
    assertThat(idle.method()).isEqualTo("Windows: GetLastInputInfo failed with error 5");
  }

  @Test
  void macIdleTimeIsHidIdleTimeInNanoseconds() {
    UserIdle idle = new MacIdleDetector(() -> 2_500_000_000L).detect();

    assertThat(idle.sinceLastInput()).isEqualTo(Duration.ofMillis(2_500));
    assertThat(idle.method()).isEqualTo("macOS IOHIDSystem HIDIdleTime");
  }

  @Test
  void aMacWithoutTheServiceOrTheValueSaysWhich() {
    UserIdle noService =
        new MacIdleDetector(
                () -> {
                  throw new IllegalStateException("no IOHIDSystem service in the IOKit registry");
                })
            .detect();
    UserIdle noValue = new MacIdleDetector(() -> null).detect();
    UserIdle negative = new MacIdleDetector(() -> -1L).detect();

    assertThat(noService.method()).isEqualTo("macOS: no IOHIDSystem service in the IOKit registry");
    assertThat(noValue.isKnown()).isFalse();
    assertThat(noValue.method()).isEqualTo("macOS: IOHIDSystem has no numeric HIDIdleTime");
    assertThat(negative.isKnown()).isFalse();
  }

  @Test
  void aNativeLibraryThatCannotLoadIsAskedOnceAndRemembered() {
    AtomicInteger calls = new AtomicInteger();
    MacIdleDetector mac =
        new MacIdleDetector(
            () -> {
              calls.incrementAndGet();
              throw new UnsatisfiedLinkError("IOKit");
            });

    UserIdle first = mac.detect();
    UserIdle second = mac.detect();

    assertThat(first.method()).startsWith("macOS: cannot load IOKit through JNA");
    assertThat(second.method()).isEqualTo(first.method());
    assertThat(calls).hasValue(1);
  }
}
