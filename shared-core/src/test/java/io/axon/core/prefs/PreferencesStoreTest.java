package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Preferences.DiskLimits;
import io.axon.core.prefs.Preferences.NetworkLimits;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.prefs.Preferences.UsageLimits;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesStoreTest {
  @TempDir Path dataDir;

  /** What prefs/preferences.json holds: every field away from its default. */
  static Preferences fixture() {
    return new Preferences(
        RunMode.ALWAYS,
        Instant.parse("2026-11-25T14:32:00Z"),
        5,
        new UsageLimits(25, 75, 20, 40),
        new UsageLimits(75, 100, 60, 80),
        true,
        false,
        30,
        Schedule.daily(TimeWindow.parse("22:00-06:00"))
            .with(DayOfWeek.SATURDAY, List.of())
            .withoutRestriction(DayOfWeek.SUNDAY),
        new Schedule(
            Map.of(
                DayOfWeek.MONDAY,
                List.of(TimeWindow.parse("01:00-05:00"), TimeWindow.parse("12:00-13:00")))),
        new NetworkLimits(500, 7, 200, 1000),
        new DiskLimits(2048),
        45,
        Map.of("mnist-demo", 25),
        85);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = PreferencesStoreTest.class.getResourceAsStream("/prefs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheFixtureFile() throws Exception {
    assertThat(PreferencesStore.fromJson(resource("preferences.json"))).isEqualTo(fixture());
  }

  @Test
  void writesExactlyTheFixtureFile() throws Exception {
    assertThat(PreferencesStore.toJson(fixture())).isEqualTo(resource("preferences.json"));
  }

  @Test
  void loadsWhatItSaved() throws Exception {
    PreferencesStore store = new PreferencesStore(dataDir);
    store.save(fixture());

    assertThat(new PreferencesStore(dataDir).load()).isEqualTo(fixture());
    assertThat(store.file()).isEqualTo(dataDir.resolve("preferences.json"));
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(store.file());
    }
  }

  @Test
  void roundTripsTheDefaults() {
    Preferences defaults = Preferences.defaults();

    assertThat(PreferencesStore.fromJson(PreferencesStore.toJson(defaults))).isEqualTo(defaults);
  }

  @Test
  void startsWithTheDefaultsWhenNothingWasSaved() throws Exception {
    assertThat(new PreferencesStore(dataDir).load()).isEqualTo(Preferences.defaults());
  }

  @Test
  void missingFieldsTakeTheirDefaults() {
    Preferences read = PreferencesStore.fromJson("{\"inUse\": {\"maxCpuPercent\": 30}}");

    assertThat(read.inUse().maxCpuPercent()).isEqualTo(30);
    assertThat(read.inUse().suspendAboveOtherCpuPercent())
        .isEqualTo(Preferences.defaults().inUse().suspendAboveOtherCpuPercent());
    assertThat(read.notInUse()).isEqualTo(Preferences.defaults().notInUse());
    assertThat(read.suspendOnBattery()).isTrue();
  }

  @Test
  void aValueOutOfRangeIsNamedWithItsPath() {
    assertThatThrownBy(() -> PreferencesStore.fromJson("{\"inUse\": {\"maxCpuPercent\": 150}}"))
        .isInstanceOf(PreferencesException.class)
        .hasMessage(
            "invalid preferences: maxCpuPercent must be between 1 and 100 (% of the CPUs), got"
                + " 150 (at $.inUse)");
  }

  @Test
  void aValueOfTheWrongTypeIsNamedWithItsPath() {
    assertThatThrownBy(
            () -> PreferencesStore.fromJson("{\"notInUse\": {\"cpuTimePercent\": \"fifty\"}}"))
        .isInstanceOf(PreferencesException.class)
        .hasMessageContaining("$.notInUse.cpuTimePercent");
  }

  @Test
  void anUnknownFieldIsATypoNotSilence() {
    assertThatThrownBy(() -> PreferencesStore.fromJson("{\"suspendOnBatery\": false}"))
        .isInstanceOf(PreferencesException.class)
        .hasMessageContaining("unknown field 'suspendOnBatery' at $.suspendOnBatery")
        .hasMessageContaining("suspendOnBattery");
  }

  @Test
  void aBadScheduleWindowIsNamedWithItsPath() {
    assertThatThrownBy(
            () -> PreferencesStore.fromJson("{\"computeSchedule\": {\"friday\": [\"9-17\"]}}"))
        .isInstanceOf(PreferencesException.class)
        .hasMessage(
            "invalid preferences: a time window is written HH:mm-HH:mm, e.g. 09:00-17:00; got"
                + " '9-17' at $.computeSchedule.friday[0]");
  }

  @Test
  void anUnknownRunModeListsTheModes() {
    assertThatThrownBy(() -> PreferencesStore.fromJson("{\"runMode\": \"sometimes\"}"))
        .hasMessageContaining("runMode must be ALWAYS, BY_PREFERENCES or SUSPENDED");
  }

  @Test
  void malformedJsonNamesTheFileAndThePlace() throws Exception {
    Files.writeString(dataDir.resolve("preferences.json"), "{\"inUse\": {\"maxCpuPercent\": }");

    assertThatThrownBy(() -> new PreferencesStore(dataDir).load())
        .isInstanceOf(PreferencesException.class)
        .hasMessageStartingWith(
            dataDir.resolve("preferences.json") + ": malformed preferences JSON")
        .hasMessageContaining("$.inUse.maxCpuPercent");
  }
}
