package io.axon.core.monitor.idle;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;

/**
 * Windows: {@code GetLastInputInfo} (user32) against {@code GetTickCount} (kernel32) through JNA,
 * both 32-bit millisecond counters, subtracted unsigned so that the 49.7-day wrap does no harm. The
 * call sees only the input of the caller's own session; a Windows service runs in session 0, where
 * no user types, so there the answer is unknown rather than "idle forever".
 */
public final class WindowsIdleDetector implements IdleDetector {
  static final String METHOD = "Windows GetLastInputInfo";

  private String failure;

  @Override
  public synchronized UserIdle detect() {
    if (failure != null) {
      return UserIdle.unknown(failure);
    }
    try {
      Kernel32 kernel32 = Kernel32.INSTANCE;
      IntByReference session = new IntByReference(-1);
      if (kernel32.ProcessIdToSessionId(kernel32.GetCurrentProcessId(), session)
          && session.getValue() == 0) {
        return UserIdle.unknown(
            "Windows: running in session 0 (a service), which sees no user input");
      }
      WinUser.LASTINPUTINFO info = new WinUser.LASTINPUTINFO();
      if (!User32.INSTANCE.GetLastInputInfo(info)) {
        return UserIdle.unknown(
            "Windows: GetLastInputInfo failed with error " + kernel32.GetLastError());
      }
      long idleMillis = Integer.toUnsignedLong(kernel32.GetTickCount() - info.dwTime);
      return new UserIdle(Duration.ofMillis(idleMillis), METHOD);
    } catch (LinkageError e) {
      failure = "Windows: cannot load user32/kernel32 through JNA (" + e + ")";
      return UserIdle.unknown(failure);
    }
  }
}
