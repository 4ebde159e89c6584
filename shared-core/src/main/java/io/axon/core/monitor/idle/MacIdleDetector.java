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
 */
public final class MacIdleDetector implements IdleDetector {
  static final String METHOD = "macOS IOHIDSystem HIDIdleTime";

  private String failure;

  @Override
  public synchronized UserIdle detect() {
    if (failure != null) {
      return UserIdle.unknown(failure);
    }
    try {
      IOKit.IOService service = IOKitUtil.getMatchingService("IOHIDSystem");
      if (service == null) {
        return UserIdle.unknown("macOS: no IOHIDSystem service in the IOKit registry");
      }
      try {
        Long nanos = service.getLongProperty("HIDIdleTime");
        if (nanos == null || nanos < 0) {
          return UserIdle.unknown("macOS: IOHIDSystem has no numeric HIDIdleTime");
        }
        return new UserIdle(Duration.ofNanos(nanos), METHOD);
      } finally {
        service.release();
      }
    } catch (LinkageError e) {
      failure = "macOS: cannot load IOKit through JNA (" + e + ")";
      return UserIdle.unknown(failure);
    }
  }
}
