package io.axon.core.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Preferences.RunMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferenceOverridesTest {
  @TempDir Path dir;

  private static Preferences apply(String... arguments) {
    return PreferenceOverrides.apply(
        Preferences.defaults(), PreferenceOverrides.parseArguments(List.of(arguments)));
  }

  @Test
  void setsNestedNumbersBooleansAndModesFromArguments() {
    Preferences p =
        apply(
            "inUse.maxCpuPercent=50",
            "notInUse.cpuTimePercent=75",
            "runOnlyWhenIdle=true",
            "runMode=suspended",
            "network.maxMegabytes=500",
            "disk.cacheMaxMegabytes=4096");

    assertThat(p.inUse().maxCpuPercent()).isEqualTo(50);
    assertThat(p.notInUse().cpuTimePercent()).isEqualTo(75);
    assertThat(p.runOnlyWhenIdle()).isTrue();
    assertThat(p.runMode()).isEqualTo(RunMode.SUSPENDED);
    assertThat(p.network().maxMegabytes()).isEqualTo(500);
    assertThat(p.disk().cacheMaxMegabytes()).isEqualTo(4096);
    assertThat(p.notInUse().maxCpuPercent())
        .isEqualTo(Preferences.defaults().notInUse().maxCpuPercent());
  }

  @Test
  void readsAConfigFile() throws Exception {
    Path file = dir.resolve("axon.properties");
    Files.writeString(
        file,
        "# volunteer settings\n"
            + "inUse.maxCpuPercent = 25\n"
            + "computeSchedule.monday = 09:00-12:00, 13:00-17:00\n"
            + "computeSchedule.everyDay = 22:00-06:00\n"
            + "projectMaxCpuPercent.mnist-demo = 40\n"
            + "snoozeUntil = 2026-11-25T14:32:00Z\n");

    Preferences p =
        PreferenceOverrides.apply(Preferences.defaults(), PreferenceOverrides.readFile(file));

    assertThat(p.inUse().maxCpuPercent()).isEqualTo(25);
    // everyDay first, so the Monday line wins whatever the file's order.
    assertThat(p.computeSchedule().describe(DayOfWeek.MONDAY))
        .isEqualTo("09:00-12:00, 13:00-17:00");
    assertThat(p.computeSchedule().describe(DayOfWeek.FRIDAY)).isEqualTo("22:00-06:00");
    assertThat(p.projectMaxCpuPercent()).containsExactly(Map.entry("mnist-demo", 40));
    assertThat(p.snoozeUntil()).isEqualTo(Instant.parse("2026-11-25T14:32:00Z"));
  }

  @Test
  void noneAndAllSwitchScheduleDaysOffAndOn() {
    Preferences p =
        apply("networkSchedule.everyDay=none", "networkSchedule.sunday=all", "snoozeUntil=none");

    assertThat(p.networkSchedule().describe(DayOfWeek.SATURDAY)).isEqualTo("none");
    assertThat(p.networkSchedule().describe(DayOfWeek.SUNDAY)).isEqualTo("all day");
    assertThat(p.snoozeUntil()).isNull();
  }

  @Test
  void removesAProjectCapWithNone() {
    Preferences capped = apply("projectMaxCpuPercent.a=10", "projectMaxCpuPercent.b=20");

    Preferences p = PreferenceOverrides.apply(capped, Map.of("projectMaxCpuPercent.a", "none"));

    assertThat(p.projectMaxCpuPercent()).containsOnlyKeys("b");
  }

  @Test
  void anUnknownKeyIsNamed() {
    assertThatThrownBy(() -> apply("inUse.maxCpuPercnt=50"))
        .isInstanceOf(PreferencesException.class)
        .hasMessageStartingWith("inUse.maxCpuPercnt=50: unknown preference key")
        .hasMessageContaining("inUse.maxCpuPercent");
  }

  @Test
  void aValueOutOfRangeNamesTheKey() {
    assertThatThrownBy(() -> apply("notInUse.maxCpuPercent=0"))
        .isInstanceOf(PreferencesException.class)
        .hasMessage(
            "notInUse.maxCpuPercent=0: maxCpuPercent must be between 1 and 100 (% of the CPUs),"
                + " got 0 (at $.notInUse)");
  }

  @Test
  void aValueOfTheWrongKindNamesTheKey() {
    assertThatThrownBy(() -> apply("suspendOnBattery=sometimes"))
        .hasMessage("suspendOnBattery=sometimes: expected true or false");
    assertThatThrownBy(() -> apply("loadGraceSeconds=half a minute"))
        .hasMessage("loadGraceSeconds=half a minute: expected a whole number");
    assertThatThrownBy(() -> apply("computeSchedule.someday=09:00-10:00"))
        .hasMessageStartingWith("computeSchedule.someday=09:00-10:00: unknown weekday 'someday'");
  }

  @Test
  void anArgumentWithoutAnEqualsSignIsRejected() {
    assertThatThrownBy(() -> apply("inUse.maxCpuPercent"))
        .isInstanceOf(PreferencesException.class)
        .hasMessage("expected key=value, e.g. inUse.maxCpuPercent=50, got 'inUse.maxCpuPercent'");
  }

  @Test
  void listsEveryKey() {
    assertThat(PreferenceOverrides.keys())
        .contains(
            "runMode",
            "snoozeUntil",
            "inUse.maxCpuPercent",
            "notInUse.maxMemoryPercent",
            "computeSchedule.everyDay",
            "networkSchedule.sunday",
            "network.periodDays",
            "disk.cacheMaxMegabytes",
            "projectMaxCpuPercent.<project>",
            "maxCpuTemperatureCelsius")
        .hasSize(3 + 4 + 4 + 3 + 8 + 8 + 4 + 1 + 1 + 1 + 1);
  }

  @Test
  void everyKeyIsDocumentedInVolunteering() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "VOLUNTEERING.md"));

    for (String key : PreferenceOverrides.keys()) {
      if (key.startsWith("computeSchedule.") || key.startsWith("networkSchedule.")) {
        key = key.substring(0, key.indexOf('.')) + ".<day>";
      }
      assertThat(doc).as("docs/VOLUNTEERING.md lists %s", key).contains("`" + key + "`");
    }
  }

  @Test
  void theConfigFileExampleInTheDocsApplies() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "VOLUNTEERING.md"));
    int start = doc.indexOf("```properties\n") + "```properties\n".length();
    String example = doc.substring(start, doc.indexOf("```", start)).replace("\n   ", "\n");
    Path file = dir.resolve("example.properties");
    Files.writeString(file, example);

    Preferences p =
        PreferenceOverrides.apply(Preferences.defaults(), PreferenceOverrides.readFile(file));

    assertThat(p.inUse().cpuTimePercent()).isEqualTo(50);
    assertThat(p.computeSchedule().describe(DayOfWeek.SATURDAY)).isEqualTo("all day");
    assertThat(p.computeSchedule().describe(DayOfWeek.MONDAY)).isEqualTo("22:00-07:00");
    assertThat(p.network().maxBytes()).isEqualTo(500_000_000L);
    assertThat(p.projectMaxCpuPercent()).containsEntry("mnist-demo", 50);
  }
}
