package io.axon.android.ui;

import static io.axon.android.ui.Screens.click;
import static io.axon.android.ui.Screens.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.content.Intent;
import android.widget.Switch;
import io.axon.android.R;
import io.axon.android.VolunteerStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;

/** The launcher screen against the app's real facade. */
@RunWith(RobolectricTestRunner.class)
public class StatusActivityTest {
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
}
