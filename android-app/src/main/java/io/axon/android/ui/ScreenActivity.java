package io.axon.android.ui;

import android.app.ActionBar;
import android.app.Activity;
import android.os.Bundle;
import android.view.MenuItem;
import io.axon.android.AxonApp;
import io.axon.android.R;
import io.axon.android.VolunteerFacade;
import io.axon.android.VolunteerStatus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What every screen shares: the facade, a refresh whenever the volunteering side changes (while the
 * screen is visible), "up" in the action bar, and a way to run a blocking call (a coordinator
 * request) off the main thread with its outcome handed back to the screen.
 */
abstract class ScreenActivity extends Activity {
  /** Coordinator requests of every screen, one at a time: a phone needs no more. */
  private static final ExecutorService BACKGROUND =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "axon-ui-requests");
            t.setDaemon(true);
            return t;
          });

  private final VolunteerFacade.Listener listener = this::changed;
  VolunteerFacade facade;

  /** A call that may block and fail. */
  interface Blocking<T> {
    T call() throws Exception;
  }

  @Override
  protected void onCreate(Bundle savedInstanceState) {
    // the manifest's theme too; set here as well so that every screen is sure of Axon's colours
    setTheme(R.style.Theme_Axon);
    super.onCreate(savedInstanceState);
    facade = AxonApp.facade(this);
    ActionBar bar = getActionBar();
    if (bar != null && !isTaskRoot()) {
      bar.setDisplayHomeAsUpEnabled(true);
    }
  }

  @Override
  protected void onStart() {
    super.onStart();
    facade.addListener(listener);
    changed(facade.status());
  }

  @Override
  protected void onStop() {
    facade.removeListener(listener);
    super.onStop();
  }

  @Override
  public boolean onOptionsItemSelected(MenuItem item) {
    if (item.getItemId() == android.R.id.home) {
      finish();
      return true;
    }
    return super.onOptionsItemSelected(item);
  }

  /** Shows what changed; called on the main thread when the screen starts and on each change. */
  abstract void changed(VolunteerStatus status);

  /**
   * Runs {@code call} off the main thread, then hands its result to {@code done} or its failure to
   * {@code failed} on the main thread, unless the screen is gone by then.
   */
  <T> void inBackground(Blocking<T> call, Consumer<T> done, Consumer<Exception> failed) {
    BACKGROUND.execute(
        () -> {
          T result;
          try {
            result = call.call();
          } catch (Exception e) {
            runOnUiThread(() -> ifAlive(() -> failed.accept(e)));
            return;
          }
          runOnUiThread(() -> ifAlive(() -> done.accept(result)));
        });
  }

  private void ifAlive(Runnable r) {
    if (!isFinishing() && !isDestroyed()) {
      r.run();
    }
  }
}
