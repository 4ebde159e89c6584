package io.axon.android.ui;

import static io.axon.android.ui.Screens.click;
import static io.axon.android.ui.Screens.shown;
import static io.axon.android.ui.Screens.text;
import static io.axon.android.ui.Screens.type;
import static org.assertj.core.api.Assertions.assertThat;

import android.widget.Switch;
import io.axon.android.R;
import io.axon.android.prefs.PhonePreferences;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.android.controller.ActivityController;

/** The preferences screen against the app's real preferences and their own validation. */
@RunWith(RobolectricTestRunner.class)
public class PreferencesActivityTest {
  private static PreferencesActivity open() {
    ActivityController<PreferencesActivity> c =
        Robolectric.buildActivity(PreferencesActivity.class).setup();
    return c.get();
  }

  @Test
  public void showsThePhoneDefaults() {
    PreferencesActivity screen = open();
    PhonePreferences d = PhonePreferences.defaults();
    assertThat(((Switch) screen.findViewById(R.id.prefs_charging_only)).isChecked())
        .isEqualTo(d.chargingOnly());
    assertThat(text(screen, R.id.prefs_suspend_below)).isEqualTo("90");
    assertThat(text(screen, R.id.prefs_resume_at)).isEqualTo("95");
    assertThat(text(screen, R.id.prefs_max_temperature)).isEqualTo("40");
    assertThat(((Switch) screen.findViewById(R.id.prefs_unmetered_only)).isChecked()).isTrue();
    assertThat(((Switch) screen.findViewById(R.id.prefs_pause_screen_on)).isChecked()).isTrue();
    assertThat(text(screen, R.id.prefs_max_cores)).isEqualTo("50");
    assertThat(shown(screen, R.id.prefs_resume_at_error)).isFalse();
    assertThat(screen.findViewById(R.id.prefs_save).isEnabled()).isTrue();
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(text(screen, R.id.prefs_cores_hint))
        .isEqualTo(d.threads(cores) + " of this phone's " + cores + " cores");
  }

  @Test
  public void aResumeLevelBelowTheSuspendLevelIsToldUnderItsFieldAsItIsTyped() {
    PreferencesActivity screen = open();
    type(screen, R.id.prefs_resume_at, "85");
    assertThat(shown(screen, R.id.prefs_resume_at_error)).isTrue();
    assertThat(text(screen, R.id.prefs_resume_at_error))
        .startsWith("Resume at must be above suspend below (90 %)");
    assertThat(shown(screen, R.id.prefs_suspend_below_error)).isFalse();
    assertThat(screen.findViewById(R.id.prefs_save).isEnabled()).isFalse();

    type(screen, R.id.prefs_suspend_below, "80"); // the band is right again
    assertThat(shown(screen, R.id.prefs_resume_at_error)).isFalse();
    assertThat(screen.findViewById(R.id.prefs_save).isEnabled()).isTrue();
  }

  @Test
  public void everyWrongFieldShowsItsOwnMessageAtOnce() {
    PreferencesActivity screen = open();
    type(screen, R.id.prefs_suspend_below, "ninety");
    type(screen, R.id.prefs_max_temperature, "70");
    type(screen, R.id.prefs_max_cores, "0");
    assertThat(text(screen, R.id.prefs_suspend_below_error)).isEqualTo("Enter a whole number.");
    assertThat(text(screen, R.id.prefs_max_temperature_error))
        .isEqualTo("Maximum battery temperature must be between 25 and 50 °C, got 70 °C");
    assertThat(text(screen, R.id.prefs_max_cores_error))
        .isEqualTo("Cores must be between 1 and 100 %, got 0 %");
    assertThat(shown(screen, R.id.prefs_resume_at_error)).isFalse();
    assertThat(shown(screen, R.id.prefs_cores_hint)).isFalse();
    assertThat(screen.findViewById(R.id.prefs_save).isEnabled()).isFalse();
    assertThat(Screens.facade().preferences()).isEqualTo(PhonePreferences.defaults());
  }

  @Test
  public void saveAppliesThePreferencesAndTheNextVisitShowsThem() {
    PreferencesActivity screen = open();
    click(screen, R.id.prefs_charging_only);
    type(screen, R.id.prefs_suspend_below, "40");
    type(screen, R.id.prefs_resume_at, "60");
    type(screen, R.id.prefs_max_temperature, "38");
    click(screen, R.id.prefs_unmetered_only);
    click(screen, R.id.prefs_pause_screen_on);
    type(screen, R.id.prefs_max_cores, "100");
    click(screen, R.id.prefs_save);

    assertThat(text(screen, R.id.prefs_message))
        .isEqualTo("Saved. The engine applies it within seconds.");
    assertThat(Screens.facade().preferences())
        .isEqualTo(new PhonePreferences(false, 40, 60, 38, false, false, 100));
    PreferencesActivity again = open();
    assertThat(text(again, R.id.prefs_suspend_below)).isEqualTo("40");
    assertThat(text(again, R.id.prefs_resume_at)).isEqualTo("60");
    assertThat(text(again, R.id.prefs_max_temperature)).isEqualTo("38");
    assertThat(((Switch) again.findViewById(R.id.prefs_charging_only)).isChecked()).isFalse();
    assertThat(text(again, R.id.prefs_max_cores)).isEqualTo("100");
  }

  @Test
  public void whatIsTypedOutlivesARotation() {
    ActivityController<PreferencesActivity> c =
        Robolectric.buildActivity(PreferencesActivity.class).setup();
    type(c.get(), R.id.prefs_resume_at, "85");
    c.recreate(); // as Android does when the phone turns
    PreferencesActivity screen = c.get();
    assertThat(text(screen, R.id.prefs_resume_at)).isEqualTo("85");
    assertThat(shown(screen, R.id.prefs_resume_at_error)).isTrue();
    assertThat(screen.findViewById(R.id.prefs_save).isEnabled()).isFalse();
    assertThat(Screens.facade().preferences()).isEqualTo(PhonePreferences.defaults());
  }
}
