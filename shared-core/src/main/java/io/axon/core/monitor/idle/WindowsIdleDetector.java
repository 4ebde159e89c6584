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
 *
 * <p>The Win32 calls sit behind {@link Win32}, so that the arithmetic, the session rule and the
 * failures are tested on any OS; the calls themselves have not yet run on a real Windows system.
 */
public final class WindowsIdleDetector implements IdleDetector {
  static final String METHOD = "Windows GetLastInputInfo";

  /** The Win32 calls the detector makes. */
  interface Win32 {
    /** The calling process's session (ProcessIdToSessionId), or -1 if it cannot be told. */
    int sessionId();

    /** {@code LASTINPUTINFO.dwTime} from GetLastInputInfo, or null if the call failed. */
    Integer lastInputTick();

    /** GetTickCount: milliseconds since boot, wrapping every 49.7 days. */
    int tickCount();

    /** GetLastError after a failed call. */
    int lastError();
  }

  private final Win32 win32;
  private String failure;

  /** Calls Windows through JNA. */
  public WindowsIdleDetector() {
    this(new Jna());
  }

  WindowsIdleDetector(Win32 win32) {
    this.win32 = win32;
  }

  @Override
  public synchronized UserIdle detect() {
    if (failure != null) {
      return UserIdle.unknown(failure);
    }
    try {
      if (win32.sessionId() == 0) {
        return UserIdle.unknown(
            "Windows: running in session 0 (a service), which sees no user input");
      }
      Integer lastInput = win32.lastInputTick();
      if (lastInput == null) {
        return UserIdle.unknown("Windows: GetLastInputInfo failed with error " + win32.lastError());
      }
      return new UserIdle(Duration.ofMillis(idleMillis(win32.tickCount(), lastInput)), METHOD);
    } catch (LinkageError e) {
      failure = "Windows: cannot load user32/kernel32 through JNA (" + e + ")";
      return UserIdle.unknown(failure);
    }
  }

  /** Milliseconds from {@code lastInput} to {@code now}, both wrapping 32-bit tick counts. */
  static long idleMillis(int now, int lastInput) {
    return Integer.toUnsignedLong(now - lastInput);
  }

  /** The real calls; JNA loads the libraries at the first one (a LinkageError off Windows). */
  private static final class Jna implements Win32 {
    @Override
    public int sessionId() {
      Kernel32 kernel32 = Kernel32.INSTANCE;
      IntByReference session = new IntByReference(-1);
      return kernel32.ProcessIdToSessionId(kernel32.GetCurrentProcessId(), session)
          ? session.getValue()
          : -1;
    }

    @Override
    public Integer lastInputTick() {
      WinUser.LASTINPUTINFO info = new WinUser.LASTINPUTINFO();
      return User32.INSTANCE.GetLastInputInfo(info) ? info.dwTime : null;
    }

    @Override
    public int tickCount() {
      return Kernel32.INSTANCE.GetTickCount();
    }

    @Override
    public int lastError() {
      return Kernel32.INSTANCE.GetLastError();
    }
  }
}
