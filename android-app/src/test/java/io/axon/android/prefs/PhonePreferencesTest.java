package io.axon.android.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhonePreferencesTest {
  @Test
  void phoneDefaultsProtectBatteryAndDataPlan() {
    PhonePreferences d = PhonePreferences.defaults();

    assertThat(d.chargingOnly()).isTrue();
    assertThat(d.suspendBelowPercent()).isEqualTo(90);
    assertThat(d.resumeAtPercent()).isEqualTo(95);
    assertThat(d.maxBatteryTemperatureCelsius()).isEqualTo(40);
    assertThat(d.unmeteredOnly()).isTrue();
    assertThat(d.pauseWhileScreenOn()).isTrue();
    assertThat(d.threads(8)).isEqualTo(4);
    assertThat(d.threads(1)).isEqualTo(1);
  }

  @Test
  void resumeLevelMustBeAboveTheSuspendLevel() {
    assertThatThrownBy(() -> new PhonePreferences(true, 90, 90, 40, true, true, 50))
        .isInstanceOfSatisfying(
            InvalidPreferenceException.class,
            e -> assertThat(e.field()).isEqualTo("resumeAtPercent"))
        .hasMessage("Resume at must be above suspend below (90 %) and at most 100 %, got 90 %");
  }

  @Test
  void outOfRangeValuesNameTheirField() {
    assertThatThrownBy(() -> new PhonePreferences(true, 90, 95, 70, true, true, 50))
        .isInstanceOfSatisfying(
            InvalidPreferenceException.class,
            e -> assertThat(e.field()).isEqualTo("maxBatteryTemperatureCelsius"))
        .hasMessageContaining("between 25 and 50 °C, got 70 °C");
    assertThatThrownBy(() -> new PhonePreferences(true, 90, 95, 40, true, true, 0))
        .isInstanceOfSatisfying(
            InvalidPreferenceException.class,
            e -> assertThat(e.field()).isEqualTo("maxCpuPercent"));
    assertThatThrownBy(() -> new PhonePreferences(true, -1, 95, 40, true, true, 50))
        .isInstanceOfSatisfying(
            InvalidPreferenceException.class,
            e -> assertThat(e.field()).isEqualTo("suspendBelowPercent"));
  }
}
