package io.axon.android.ui;

import static io.axon.android.ui.Screens.click;
import static io.axon.android.ui.Screens.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.graphics.drawable.ColorDrawable;
import android.net.Uri;
import android.os.PowerManager;
import android.provider.Settings;
import android.util.TypedValue;
import android.widget.ProgressBar;
import android.widget.Switch;
import io.axon.android.AxonApp;
import io.axon.android.HeldTraining;
import io.axon.android.Phone;
import io.axon.android.Project;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import io.axon.android.engine.Volunteering;
import io.axon.android.prefs.SettingsStore;
import io.axon.android.service.ComputeService;
import io.axon.coordinator.testing.TestCoordinator;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.android.controller.ActivityController;
import org.robolectric.android.controller.ServiceController;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowActivity;
import org.robolectric.shadows.ShadowPowerManager;

/**
 * The launcher screen against the app's real facade, with the simulated phone's battery, screen and
 * network set as Android reports them, and a real coordinator where work is needed.
 */
@RunWith(RobolectricTestRunner.class)
public class StatusActivityTest {
  @Rule public TemporaryFolder folder = new TemporaryFolder();
  private final Application app = RuntimeEnvironment.getApplication();
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
    ((AxonApp) app).component().engineHost().stop();
  }

  private static StatusActivity open() {
    return Robolectric.buildActivity(StatusActivity.class).setup().get();
  }

  @Test
  public void opensEveryOtherScreen() {
    StatusActivity screen = open();
    assertOpens(screen, R.id.nav_projects, ProjectsActivity.class);
    assertOpens(screen, R.id.nav_preferences, PreferencesActivity.class);
    assertOpens(screen, R.id.nav_earnings, EarningsActivity.class);
    assertOpens(screen, R.id.nav_eventlog, EventLogActivity.class);
  }

  private static void assertOpens(StatusActivity screen, int button, Class<?> target) {
    click(screen, button);
    Intent started = shadowOf(screen).getNextStartedActivity();
    assertThat(started).as("what %s opens", target.getSimpleName()).isNotNull();
    assertThat(started.getComponent().getClassName()).isEqualTo(target.getName());
  }

  @Test
  public void theSwitchTurnsVolunteeringOnAndOff() {
    StatusActivity screen = open();
    Switch onOff = screen.findViewById(R.id.status_switch);
    boolean before = Screens.facade().isEnabled();
    assertThat(onOff.isChecked()).isEqualTo(before);

    click(screen, R.id.status_switch);
    assertThat(Screens.facade().isEnabled()).isEqualTo(!before);
    click(screen, R.id.status_switch);
    assertThat(Screens.facade().isEnabled()).isEqualTo(before);

    Screens.facade().setEnabled(false);
    Screens.waitUntil("the screen shows it stopped", () -> !onOff.isChecked());
    assertThat(Screens.facade().status().state()).isEqualTo(VolunteerStatus.State.STOPPED);
    assertThat(text(screen, R.id.status_state)).isEqualTo("Stopped");
    assertThat(text(screen, R.id.status_reason)).isEqualTo(Screens.facade().status().reason());
  }

  @Test
  public void saysExactlyWhyItWaitsAndFollowsThePhone() throws Exception {
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      Phone.idealForComputing(app);
      Phone.battery(app, true, 71, 30);
      Screens.facade().attach(coordinator.url(), coordinator.createAccount("ada"));
      Screens.facade().setEnabled(true);
      StatusActivity screen = open();
      assertThat(text(screen, R.id.status_state)).isEqualTo("Waiting");
      assertThat(text(screen, R.id.status_reason))
          .isEqualTo("waiting: battery 71 %, resumes at 95 %");

      Phone.battery(app, false, 71, 30); // unplugged while the screen is open
      Screens.waitUntil(
          "the screen follows the phone",
          () -> text(screen, R.id.status_reason).equals("waiting: not charging"));
      assertThat(Screens.shown(screen, R.id.status_no_unit)).isTrue();
      assertThat(Screens.shown(screen, R.id.status_progress)).isFalse();
    }
  }

  @Test
  public void showsTheUnitInTrainingWithItsProgress() throws Exception {
    try (TestCoordinator coordinator = Coordinators.start(folder.newFolder().toPath())) {
      Phone.idealForComputing(app);
      coordinator.submitSlowJob("status-slow");
      // still in training when the screen is read, however fast this machine is
      held = HeldTraining.at(((AxonApp) app).component().engineHost(), 0.02);
      Screens.facade().attach(coordinator.url(), coordinator.createAccount("ada"));
      StatusActivity screen = open();
      click(screen, R.id.status_switch); // on: the phone allows it, so the service starts at once
      service =
          Robolectric.buildService(ComputeService.class, shadowOf(app).getNextStartedService())
              .create()
              .startCommand(0, 1);
      ProgressBar bar = screen.findViewById(R.id.status_progress);
      Screens.waitUntil(
          "the screen shows the unit's progress",
          Duration.ofSeconds(60),
          () -> Screens.shown(screen, R.id.status_progress) && bar.getProgress() > 0);

      VolunteerStatus.UnitProgress unit = Screens.facade().status().unit();
      assertThat(text(screen, R.id.status_state)).isEqualTo("Computing");
      assertThat(text(screen, R.id.status_unit))
          .isEqualTo("status-slow · unit " + unit.workUnitId());
      assertThat(text(screen, R.id.status_unit_detail)).matches("\\d+ % done");
      assertThat(Screens.shown(screen, R.id.status_no_unit)).isFalse();
      assertThat(Screens.shown(screen, R.id.status_reason)).isFalse(); // "computing" says no more
    }
  }

  @Test
  public void followsTheSystemsLightAndDarkTheme() {
    assertThat(isLight(open())).isTrue();
    assertThat(background(open())).isEqualTo(0xfff6f7f9);
    RuntimeEnvironment.setQualifiers("+night"); // the system's dark theme is on
    assertThat(isLight(open())).isFalse();
    assertThat(background(open())).isEqualTo(0xff17191e);
  }

  private static boolean isLight(StatusActivity screen) {
    TypedValue value = new TypedValue();
    screen.getTheme().resolveAttribute(android.R.attr.isLightTheme, value, true);
    return value.data != 0;
  }

  private static int background(StatusActivity screen) {
    return ((ColorDrawable) screen.getWindow().getDecorView().getBackground()).getColor();
  }

  // Android 14 (API 34, the only framework here offline): notifications need asking (33+) and
  // background starts need the exemption from battery optimisation (31+)

  @Test
  @Config(sdk = 34)
  public void switchingOnAsksForNotificationsAndARefusalIsNotedWhileVolunteeringGoesOn() {
    StatusActivity screen = open(); // switched off: nothing to ask for
    assertThat(shadowOf(screen).getLastRequestedPermission()).isNull();

    click(screen, R.id.status_switch);
    ShadowActivity.PermissionsRequest asked = shadowOf(screen).getLastRequestedPermission();
    assertThat(asked).as("the permission request").isNotNull();
    assertThat(asked.requestedPermissions).containsExactly(Manifest.permission.POST_NOTIFICATIONS);
    assertThat(Screens.shown(screen, R.id.status_notifications_off)).isFalse();

    shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS);
    screen.onRequestPermissionsResult(
        asked.requestCode,
        asked.requestedPermissions,
        new int[] {PackageManager.PERMISSION_DENIED});
    Screens.idle();
    assertThat(Screens.facade().isEnabled()).isTrue();
    assertThat(Screens.shown(screen, R.id.status_notifications_off)).isTrue();
    assertThat(text(screen, R.id.status_notifications_off))
        .contains("keeps computing, but its progress notification is hidden");

    click(screen, R.id.status_switch); // off: the note has nothing left to say
    assertThat(Screens.shown(screen, R.id.status_notifications_off)).isFalse();
  }

  @Test
  @Config(sdk = 34)
  public void openingTheScreenWhileOnAsksForNotificationsUnlessGranted() {
    Screens.facade().setEnabled(true);
    ShadowActivity.PermissionsRequest asked = shadowOf(open()).getLastRequestedPermission();
    assertThat(asked).as("the permission request on opening").isNotNull();
    assertThat(asked.requestedPermissions).containsExactly(Manifest.permission.POST_NOTIFICATIONS);

    shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS);
    StatusActivity screen = open();
    click(screen, R.id.status_switch);
    click(screen, R.id.status_switch); // on again
    assertThat(shadowOf(screen).getLastRequestedPermission()).isNull();
    assertThat(Screens.shown(screen, R.id.status_notifications_off)).isFalse();
  }

  @Test
  @Config(sdk = 34)
  public void explainsRunningInTheBackgroundAndOpensAndroidsDialogUntilExempt() {
    ShadowPowerManager power = shadowOf(app.getSystemService(PowerManager.class));
    power.setIgnoringBatteryOptimizations(app.getPackageName(), false);
    ActivityController<StatusActivity> controller =
        Robolectric.buildActivity(StatusActivity.class).setup();
    StatusActivity screen = controller.get();
    assertThat(Screens.shown(screen, R.id.status_background)).isFalse(); // off: nothing to ask

    click(screen, R.id.status_switch);
    assertThat(Screens.shown(screen, R.id.status_background)).isTrue();
    shadowOf(screen).getNextStartedActivity(); // nothing else started meanwhile
    click(screen, R.id.status_background_allow);
    Intent dialog = shadowOf(screen).getNextStartedActivity();
    assertThat(dialog).as("the activity the button starts").isNotNull();
    assertThat(dialog.getAction()).isEqualTo(Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS);
    assertThat(dialog.getData()).isEqualTo(Uri.parse("package:io.axon.android"));

    power.setIgnoringBatteryOptimizations(app.getPackageName(), true); // the volunteer allowed it
    controller.pause().resume(); // back from the dialog
    assertThat(Screens.shown(screen, R.id.status_background)).isFalse();
    // and an exempt phone is not asked at all
    assertThat(Screens.shown(open(), R.id.status_background)).isFalse();
  }

  @Test
  public void openingTheAppStartsComputingThatAndroidRefusedInTheBackground() {
    Phone.idealForComputing(app);
    SettingsStore settings = ((AxonApp) app).component().settings();
    settings.setProjects(List.of(new Project("http://192.0.2.1:8080", "key", "ada")));
    settings.setEnabled(true);
    ((AxonApp) app).component().volunteering().backgroundStartRefused("not allowed");

    StatusActivity screen = open();
    assertThat(text(screen, R.id.status_reason)).isEqualTo(Volunteering.BACKGROUND_START_BLOCKED);
    Intent started = shadowOf(app).getNextStartedService();
    assertThat(started).as("the service started by the open app").isNotNull();
    assertThat(started.getComponent().getClassName()).isEqualTo(ComputeService.class.getName());
  }
}
