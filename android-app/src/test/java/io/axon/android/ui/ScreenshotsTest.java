package io.axon.android.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.Application;
import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.view.View;
import io.axon.android.AxonApp;
import io.axon.android.HeldTraining;
import io.axon.android.Phone;
import io.axon.android.VolunteerStatus;
import io.axon.android.service.ComputeService;
import io.axon.coordinator.testing.TestCoordinator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

/**
 * Every screen in the light and the dark theme as PNGs, drawn by Android's own renderer
 * (Robolectric's native graphics: Skia, the framework's fonts) from the real app attached to a real
 * coordinator. Runs only when the system property {@code axon.screenshots} names the folder to
 * write to: {@code mvn -B -o -pl android-app -am verify -Dtest=ScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Daxon.screenshots=$PWD/docs/screenshots}.
 */
@RunWith(RobolectricTestRunner.class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(qualifiers = "w360dp-h740dp-xhdpi")
public class ScreenshotsTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();
  private ServiceController<ComputeService> service;
  private HeldTraining held;

  @After
  public void stopComputing() {
    if (held != null) {
      held.close();
    }
    if (service != null) {
      service.destroy();
    }
    ((AxonApp) RuntimeEnvironment.getApplication()).component().engineHost().stop();
  }

  private record Screen(String name, Class<? extends Activity> type, int waitFor) {}

  private static final List<Screen> SCREENS =
      List.of(
          new Screen("status", StatusActivity.class, 0),
          new Screen("projects", ProjectsActivity.class, 0),
          new Screen("preferences", PreferencesActivity.class, 0),
          new Screen("earnings", EarningsActivity.class, io.axon.android.R.id.earnings_figures),
          new Screen("eventlog", EventLogActivity.class, 0));

  @Test
  public void writesEveryScreenInBothThemes() throws Exception {
    String dir = System.getProperty("axon.screenshots", "");
    assumeTrue("set -Daxon.screenshots=DIR to write the screenshots", !dir.isEmpty());
    Path out = Path.of(dir);
    Files.createDirectories(out);
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      String key =
          Coordinators.earnCreditForNewAccount(coordinator, "ada", folder.newFolder().toPath());
      // a phone on its charger, screen off, on Wi-Fi, training a unit of a slow job
      Application app = RuntimeEnvironment.getApplication();
      Phone.idealForComputing(app);
      // set up as the status screen asks: notifications allowed, exempt from battery optimisation
      shadowOf(app).grantPermissions(android.Manifest.permission.POST_NOTIFICATIONS);
      shadowOf(app.getSystemService(android.os.PowerManager.class))
          .setIgnoringBatteryOptimizations(app.getPackageName(), true);
      coordinator.submitSlowJob("mnist-mlp");
      // mid-way when shot, however fast this machine is: held in training from 40 % on
      held = HeldTraining.at(((AxonApp) app).component().engineHost(), 0.4);
      Screens.facade().attach(coordinator.url(), key);
      Screens.facade().setEnabled(true);
      service =
          Robolectric.buildService(ComputeService.class, shadowOf(app).getNextStartedService())
              .create()
              .startCommand(0, 1);
      Screens.waitUntil(
          "a unit is in training",
          Duration.ofSeconds(60),
          () -> {
            VolunteerStatus.UnitProgress unit = Screens.facade().status().unit();
            return unit != null && unit.progress() >= 0.4;
          });
      // the status screen first, while the unit trains
      for (Screen s : SCREENS) {
        for (String theme : List.of("light", "dark")) {
          RuntimeEnvironment.setQualifiers(theme.equals("dark") ? "+night" : "+notnight");
          Activity screen = Robolectric.buildActivity(s.type()).setup().get();
          if (s.waitFor() != 0) {
            BooleanSupplier ready = () -> Screens.shown(screen, s.waitFor());
            Screens.waitUntil(s.name() + " is ready", Duration.ofSeconds(20), ready);
          }
          Screens.idle();
          Path file = out.resolve("android-" + s.name() + "-" + theme + ".png");
          write(screen, file);
          assertThat(file).isNotEmptyFile();
        }
      }
      // the messages in place, as the volunteer types
      RuntimeEnvironment.setQualifiers("+notnight");
      Activity preferences = Robolectric.buildActivity(PreferencesActivity.class).setup().get();
      Screens.type(preferences, io.axon.android.R.id.prefs_resume_at, "85");
      Screens.type(preferences, io.axon.android.R.id.prefs_max_temperature, "70");
      Path file = out.resolve("android-preferences-errors-light.png");
      write(preferences, file);
      assertThat(file).isNotEmptyFile();
    }
  }

  /** Draws the whole window (action bar included) as Android would, and saves it as PNG. */
  private static void write(Activity screen, Path file) throws IOException {
    View root = screen.getWindow().getDecorView();
    Bitmap bitmap = Bitmap.createBitmap(root.getWidth(), root.getHeight(), Bitmap.Config.ARGB_8888);
    root.draw(new Canvas(bitmap));
    try (OutputStream png = Files.newOutputStream(file)) {
      assertThat(bitmap.compress(Bitmap.CompressFormat.PNG, 100, png)).isTrue();
    }
  }
}
