package io.axon.core.monitor.idle;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.ptr.IntByReference;
import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;
import java.util.Map;

/**
 * Linux/BSD desktops on X11: the MIT-SCREEN-SAVER extension's {@code XScreenSaverQueryInfo}
 * (libXss) through JNA, the same counter {@code xprintidle} shows: milliseconds since the X server
 * last saw keyboard or mouse input. It needs a {@code DISPLAY} this process may open (the user's
 * own session, or an X authority it can read).
 *
 * <p>The display is opened for each query and closed again, so that an X server that goes away
 * (logout) is seen as "cannot open display" instead of Xlib's I/O error handler ending the process.
 * In a Wayland session {@code DISPLAY} points to XWayland, which only sees input sent to X11
 * windows; there this detector declines and leaves the answer to logind.
 */
public final class X11IdleDetector implements IdleDetector {
  static final String METHOD = "X11 screensaver extension";

  private final String display;
  private final String declined;
  private String failure;

  /** Queries the X server named by {@code display} (e.g. {@code ":0"}). */
  public X11IdleDetector(String display) {
    this(display, null);
  }

  private X11IdleDetector(String display, String declined) {
    this.display = display;
    this.declined = declined;
  }

  /** Uses {@code DISPLAY} from {@code env}, declining in a Wayland session. */
  public static X11IdleDetector fromEnvironment(Map<String, String> env) {
    String display = env.get("DISPLAY");
    if (display == null || display.trim().isEmpty()) {
      return new X11IdleDetector(null, "X11: DISPLAY is not set");
    }
    if (env.get("WAYLAND_DISPLAY") != null || "wayland".equals(env.get("XDG_SESSION_TYPE"))) {
      return new X11IdleDetector(
          display, "X11: Wayland session, XWayland sees only input to X11 windows");
    }
    return new X11IdleDetector(display);
  }

  @Override
  public synchronized UserIdle detect() {
    if (declined != null) {
      return UserIdle.unknown(declined);
    }
    if (failure != null) {
      return UserIdle.unknown(failure);
    }
    X11 x11;
    Xss xss;
    try {
      x11 = X11.INSTANCE;
      xss = Xss.Holder.INSTANCE;
    } catch (LinkageError e) {
      failure = "X11: cannot load libX11/libXss (" + e.getMessage() + ")";
      return UserIdle.unknown(failure);
    }
    X11.Display connection = x11.XOpenDisplay(display);
    if (connection == null) {
      return UserIdle.unknown("X11: cannot open display " + display);
    }
    try {
      IntByReference eventBase = new IntByReference();
      IntByReference errorBase = new IntByReference();
      if (!xss.XScreenSaverQueryExtension(connection, eventBase, errorBase)) {
        return UserIdle.unknown("X11: display " + display + " lacks MIT-SCREEN-SAVER");
      }
      Xss.ScreenSaverInfo info = new Xss.ScreenSaverInfo();
      if (xss.XScreenSaverQueryInfo(connection, x11.XDefaultRootWindow(connection), info) == 0) {
        return UserIdle.unknown("X11: XScreenSaverQueryInfo failed on " + display);
      }
      long idleMillis = info.idle.longValue();
      if (idleMillis < 0) {
        return UserIdle.unknown("X11: implausible idle time " + idleMillis + " ms");
      }
      return new UserIdle(Duration.ofMillis(idleMillis), METHOD);
    } finally {
      x11.XCloseDisplay(connection);
    }
  }

  /** The few libXss calls we need (jna-platform has none). */
  interface Xss extends Library {
    boolean XScreenSaverQueryExtension(
        X11.Display display, IntByReference eventBase, IntByReference errorBase);

    int XScreenSaverQueryInfo(X11.Display display, X11.Drawable drawable, ScreenSaverInfo info);

    /** Loaded on first use, so that a missing library is a LinkageError we can catch. */
    final class Holder {
      static final Xss INSTANCE = Native.load("Xss", Xss.class);

      private Holder() {}
    }

    /** {@code XScreenSaverInfo} from X11/extensions/scrnsaver.h. */
    @Structure.FieldOrder({"window", "state", "kind", "tilOrSince", "idle", "eventMask"})
    final class ScreenSaverInfo extends Structure {
      public NativeLong window;
      public int state;
      public int kind;
      public NativeLong tilOrSince;
      public NativeLong idle;
      public NativeLong eventMask;
    }
  }
}
