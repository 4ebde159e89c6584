package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Preferences.DiskLimits;
import io.axon.core.prefs.Preferences.NetworkLimits;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.prefs.Preferences.UsageLimits;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferencesTest {
  @Test
  void defaultsAreWhatTheDocsPromise() {
    Preferences d = Preferences.defaults();

    assertThat(d.runMode()).isEqualTo(RunMode.BY_PREFERENCES);
    assertThat(d.snoozeUntil()).isNull();
    assertThat(d.inUseMinutes()).isEqualTo(3);
    assertThat(d.inUse()).isEqualTo(new UsageLimits(50, 100, 25, 50));
    assertThat(d.notInUse()).isEqualTo(new UsageLimits(100, 100, 50, 90));
    assertThat(d.runOnlyWhenIdle()).isFalse();
    assertThat(d.suspendOnBattery()).isTrue();
    assertThat(d.minBatteryPercent()).isEqualTo(50);
    assertThat(d.computeSchedule().isAlways()).isTrue();
    assertThat(d.networkSchedule().isAlways()).isTrue();
    assertThat(d.network()).isEqualTo(new NetworkLimits(0, 1, 0, 0));
    assertThat(d.network().limitsVolume()).isFalse();
    assertThat(d.disk()).isEqualTo(new DiskLimits(1024));
    assertThat(d.loadGraceSeconds()).isEqualTo(30);
    assertThat(d.projectMaxCpuPercent()).isEmpty();
    assertThat(d.maxCpuTemperatureCelsius()).isEqualTo(90);
  }

  @Test
  void rejectsAShareOfCpusAboveOneHundredPercent() {
    assertThatThrownBy(() -> new UsageLimits(150, 100, 25, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCpuPercent must be between 1 and 100 (% of the CPUs), got 150");
  }

  @Test
  void rejectsAThrottleOfZero() {
    assertThatThrownBy(() -> new UsageLimits(50, 0, 25, 50))
        .hasMessage("cpuTimePercent must be between 1 and 100 (% CPU time), got 0");
  }

  @Test
  void rejectsANegativeLoadLimit() {
    assertThatThrownBy(() -> new UsageLimits(50, 100, -1, 50))
        .hasMessageContaining("suspendAboveOtherCpuPercent must be between 0 and 100");
  }

  @Test
  void rejectsATransferPeriodOfZeroDays() {
    assertThatThrownBy(() -> new NetworkLimits(100, 0, 0, 0))
        .hasMessage("periodDays must be between 1 and 365 (days), got 0");
  }

  @Test
  void rejectsANegativeRateCap() {
    assertThatThrownBy(() -> new NetworkLimits(0, 1, -5, 0))
        .hasMessage("maxUploadKilobytesPerSecond must be 0 (no limit) or more KB/s, got -5");
  }

  @Test
  void rejectsATinyCache() {
    assertThatThrownBy(() -> new DiskLimits(1))
        .hasMessage("cacheMaxMegabytes must be at least 10 MB, got 1");
  }

  @Test
  void rejectsAnImplausibleTemperatureLimitButAllowsZeroToDisable() {
    assertThatThrownBy(() -> withTemperature(20))
        .hasMessage(
            "maxCpuTemperatureCelsius must be between 40 and 120 degrees, or 0 to disable, got 20");
    assertThat(withTemperature(0).maxCpuTemperatureCelsius()).isZero();
  }

  @Test
  void rejectsAProjectCapOutOfRangeNamingTheProject() {
    assertThatThrownBy(() -> withProjects(Map.of("mnist-demo", 0)))
        .hasMessage(
            "projectMaxCpuPercent of mnist-demo must be between 1 and 100 (% of the CPUs),"
                + " got 0");
  }

  @Test
  void rejectsAProjectCapWithoutAName() {
    Map<String, Integer> blank = new HashMap<>();
    blank.put(" ", 50);

    assertThatThrownBy(() -> withProjects(blank))
        .hasMessage("projectMaxCpuPercent needs a project name for each entry");
  }

  @Test
  void rejectsAnInUseThresholdOfZeroMinutes() {
    assertThatThrownBy(
            () -> PreferenceOverrides.apply(Preferences.defaults(), Map.of("inUseMinutes", "0")))
        .hasMessage(
            "inUseMinutes=0: inUseMinutes must be between 1 and 1440 (minutes after the"
                + " last input), got 0 (at $)");
  }

  @Test
  void projectCapsCannotBeChangedFromOutside() {
    Map<String, Integer> caps = new HashMap<>(Map.of("a", 50));
    Preferences p = withProjects(caps);
    caps.put("b", 10);

    assertThat(p.projectMaxCpuPercent()).containsOnlyKeys("a");
  }

  @Test
  void runModeAndSnoozeCopiesKeepEverythingElse() {
    Preferences p = PreferencesStoreTest.fixture();

    assertThat(p.withRunMode(RunMode.SUSPENDED).withRunMode(p.runMode())).isEqualTo(p);
    assertThat(p.withSnoozeUntil(null).withSnoozeUntil(p.snoozeUntil())).isEqualTo(p);
  }

  private static Preferences withTemperature(int celsius) {
    Preferences d = Preferences.defaults();
    return new Preferences(
        d.runMode(),
        d.snoozeUntil(),
        d.inUseMinutes(),
        d.inUse(),
        d.notInUse(),
        d.runOnlyWhenIdle(),
        d.suspendOnBattery(),
        d.minBatteryPercent(),
        d.computeSchedule(),
        d.networkSchedule(),
        d.network(),
        d.disk(),
        d.loadGraceSeconds(),
        d.projectMaxCpuPercent(),
        celsius);
  }

  private static Preferences withProjects(Map<String, Integer> projects) {
    Preferences d = Preferences.defaults();
    return new Preferences(
        d.runMode(),
        d.snoozeUntil(),
        d.inUseMinutes(),
        d.inUse(),
        d.notInUse(),
        d.runOnlyWhenIdle(),
        d.suspendOnBattery(),
        d.minBatteryPercent(),
        d.computeSchedule(),
        d.networkSchedule(),
        d.network(),
        d.disk(),
        d.loadGraceSeconds(),
        projects,
        d.maxCpuTemperatureCelsius());
  }
}
