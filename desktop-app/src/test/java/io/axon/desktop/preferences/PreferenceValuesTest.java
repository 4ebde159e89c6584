package io.axon.desktop.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PreferenceValuesTest {
  @Test
  void theFormHasAFieldForEveryPreferenceTheEngineKnows() {
    Set<String> fields =
        PreferenceField.ALL.stream().map(PreferenceField::key).collect(Collectors.toSet());
    for (String key : PreferenceOverrides.keys()) {
      String expected =
          key.endsWith(".everyDay")
              ? key.replace(".everyDay", ".monday") // every day is the seven days
              : key.replace(".<project>", "");
      assertThat(fields).as("a field for %s", key).contains(expected);
    }
  }

  @Test
  void everyFieldShowsTheDefaultsAsTextThatReadsBackUnchanged() {
    Preferences defaults = Preferences.defaults();
    for (PreferenceField field : PreferenceField.ALL) {
      String text = PreferenceValues.text(defaults, field);
      assertThat(PreferenceValues.problem(defaults, field, text)).as(field.key()).isNull();
      assertThat(PreferenceOverrides.apply(defaults, PreferenceValues.pairs(defaults, field, text)))
          .as(field.key())
          .isEqualTo(defaults);
    }
  }

  @Test
  void explainsAnOutOfRangeValueInTheEnginesWords() {
    PreferenceField cpu = field("inUse.maxCpuPercent");
    assertThat(PreferenceValues.problem(Preferences.defaults(), cpu, "0"))
        .startsWith("maxCpuPercent must be between 1 and 100");
    assertThat(PreferenceValues.problem(Preferences.defaults(), cpu, "lots"))
        .contains("expected a whole number");
  }

  @Test
  void readsSchedulesAndProjectCaps() {
    Preferences base =
        PreferenceOverrides.apply(
            Preferences.defaults(),
            Map.of(
                "computeSchedule.monday", "09:00-12:00,13:00-17:00",
                "projectMaxCpuPercent.old", "20"));
    assertThat(PreferenceValues.text(base, field("computeSchedule.monday")))
        .isEqualTo("09:00-12:00, 13:00-17:00");
    assertThat(PreferenceValues.text(base, field("computeSchedule.tuesday"))).isEqualTo("all");
    assertThat(PreferenceValues.problem(base, field("computeSchedule.friday"), "25:00-26:00"))
        .contains("HH:mm-HH:mm");
    Preferences caps =
        PreferenceOverrides.apply(
            base,
            PreferenceValues.pairs(base, field("projectMaxCpuPercent"), "mnist=50, lr-demo=25"));
    assertThat(caps.projectMaxCpuPercent()).isEqualTo(Map.of("mnist", 50, "lr-demo", 25));
    assertThat(PreferenceValues.problem(base, field("projectMaxCpuPercent"), "mnist"))
        .contains("project=percent");
    assertThat(PreferenceValues.problem(base, field("projectMaxCpuPercent"), "mnist=150"))
        .contains("between 1 and 100");
  }

  private static PreferenceField field(String key) {
    List<PreferenceField> matches =
        PreferenceField.ALL.stream().filter(f -> f.key().equals(key)).toList();
    assertThat(matches).hasSize(1);
    return matches.get(0);
  }
}
