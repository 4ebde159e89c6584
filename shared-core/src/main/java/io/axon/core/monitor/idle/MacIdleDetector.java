package io.axon.core.monitor.idle;

import com.sun.jna.platform.mac.IOKit;
import com.sun.jna.platform.mac.IOKitUtil;
import io.axon.core.monitor.IdleDetector;
import io.axon.core.monitor.UserIdle;
import java.time.Duration;

/**
 * macOS: the {@code HIDIdleTime} property (nanoseconds since the last keyboard, mouse or trackpad
 * event) of the IOKit service {@code IOHIDSystem}, read through JNA, the same value {@code ioreg -c
 * IOHIDSystem} prints. It is system-wide and needs no permission.
 *
 * <p>The IOKit lookup sits behind {@link HidSystem}, so that the conversion and the failures are
 * tested on any OS; the lookup itself has not yet run on a real macOS system.
 */
public final class MacIdleDetector implements IdleDetector {
  static final String METHOD = "macOS IOHIDSystem HIDIdleTime";

  /** Reads IOHIDSystem's HIDIdleTime. */
  interface HidSystem {
    /**
     * The property's value in nanoseconds, or null if the service has none.
     *
     * @throws IllegalStateException if there is no IOHIDSystem service
     */
    Long hidIdleTime();
  }

  private final HidSystem hid;
  private String failure;

  /** Asks IOKit through JNA. */
  public MacIdleDetector() {
    this(new Jna());
  }

  MacIdleDetector(HidSystem hid) {
    this.hid = hid;
  }

  @Override
  public synchronized UserIdle detect() {
    if (failure != null) {
      return UserIdle.unknown(failure);
    }
    try {
      Long nanos = hid.hidIdleTime();
      if (nanos == null || nanos < 0) {
        return UserIdle.unknown("macOS: IOHIDSystem has no numeric HIDIdleTime");
      }
      return new UserIdle(Duration.ofNanos(nanos), METHOD);
    } catch (IllegalStateException e) {
      return UserIdle.unknown("macOS: " + e.getMessage());
    } catch (LinkageError e) {
      failure = "macOS: cannot load IOKit through JNA (" + e + ")";
      return UserIdle.unknown(failure);
    }
  }

  /** The real lookup; JNA loads IOKit at the first call (a LinkageError off macOS). */
  private static final class Jna implements HidSystem {
    @Override
    public Long hidIdleTime() {
      IOKit.IOService service = IOKitUtil.getMatchingService("IOHIDSystem");
      if (service == null) {
        throw new IllegalStateException("no IOHIDSystem service in the IOKit registry");
      }
      try {
        return service.getLongProperty("HIDIdleTime");
      } finally {
        service.release();
      }
    }
  }
}
