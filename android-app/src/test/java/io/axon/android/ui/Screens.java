package io.axon.android.ui;

import static org.awaitility.Awaitility.await;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.os.Looper;
import android.view.View;
import android.widget.TextView;
import io.axon.android.AxonApp;
import io.axon.android.VolunteerFacade;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.robolectric.RuntimeEnvironment;

/** What the screen tests share: the app's real facade, and waiting with the main looper running. */
final class Screens {
  private static final Duration POLL = Duration.ofMillis(25);

  private Screens() {}

  /** The real facade of the app Robolectric started from the manifest. */
  static VolunteerFacade facade() {
    return AxonApp.facade(RuntimeEnvironment.getApplication());
  }

  /** Runs what is due on the main thread (posted results, listener calls, layout). */
  static void idle() {
    shadowOf(Looper.getMainLooper()).idle();
  }

  /**
   * Waits until {@code condition} holds, running the main looper meanwhile, so that work handed
   * back from background threads reaches the screen. Robolectric's main thread is this test's
   * thread: the condition is polled here, not on one of Awaitility's threads.
   */
  static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
    await(what)
        .atMost(timeout)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(POLL)
        .until(
            () -> {
              idle();
              if (condition.getAsBoolean()) {
                return true;
              }
              // the main thread's clock moves on with real time, so that delayed work there runs
              shadowOf(Looper.getMainLooper()).idleFor(POLL);
              return false;
            });
  }

  static void waitUntil(String what, BooleanSupplier condition) {
    waitUntil(what, Duration.ofSeconds(20), condition);
  }

  static String text(Activity screen, int id) {
    return ((TextView) screen.findViewById(id)).getText().toString();
  }

  static boolean shown(Activity screen, int id) {
    View v = screen.findViewById(id);
    return v.getVisibility() == View.VISIBLE;
  }

  static void type(Activity screen, int id, String text) {
    ((TextView) screen.findViewById(id)).setText(text);
    idle();
  }

  static void click(Activity screen, int id) {
    View v = screen.findViewById(id);
    if (!v.isEnabled()) {
      throw new AssertionError(screen.getResources().getResourceEntryName(id) + " is disabled");
    }
    v.performClick();
    idle();
  }
}
