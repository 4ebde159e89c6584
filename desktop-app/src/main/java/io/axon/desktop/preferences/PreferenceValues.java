package io.axon.desktop.preferences;

import com.squareup.moshi.Moshi;
import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesException;
import io.axon.core.prefs.PreferencesStore;
import io.axon.core.prefs.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Preferences as the text the form shows, and the form's text back to preferences, through the
 * engine's own {@link PreferenceOverrides}, so that the form validates exactly as {@code --set} and
 * the config file do.
 */
final class PreferenceValues {
  private PreferenceValues() {}

  /** The text of {@code field} for {@code preferences}. */
  static String text(Preferences preferences, PreferenceField field) {
    String key = field.key();
    if (field.kind() == PreferenceField.Kind.PROJECT_CAPS) {
      StringJoiner caps = new StringJoiner(", ");
      preferences.projectMaxCpuPercent().forEach((p, pct) -> caps.add(p + "=" + pct));
      return caps.toString();
    }
    if (key.equals("snoozeUntil")) {
      return preferences.snoozeUntil() == null ? "none" : preferences.snoozeUntil().toString();
    }
    if (key.startsWith("computeSchedule.") || key.startsWith("networkSchedule.")) {
      Schedule schedule =
          key.startsWith("compute") ? preferences.computeSchedule() : preferences.networkSchedule();
      DayOfWeek day =
          DayOfWeek.valueOf(key.substring(key.indexOf('.') + 1).toUpperCase(Locale.ROOT));
      String described = schedule.describe(day);
      return described.equals("all day") ? "all" : described;
    }
    Object value = tree(preferences);
    for (String part : key.split("\\.")) {
      value = ((Map<?, ?>) value).get(part);
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  /**
   * The {@code key=value} pairs that set {@code field} to {@code text}, given the preferences it
   * changes.
   *
   * @throws PreferencesException if the text cannot be read
   */
  static Map<String, String> pairs(Preferences base, PreferenceField field, String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    String value = text == null ? "" : text.trim();
    if (field.kind() != PreferenceField.Kind.PROJECT_CAPS) {
      pairs.put(field.key(), value);
      return pairs;
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    if (!value.isEmpty() && !value.equalsIgnoreCase("none")) {
      for (String item : value.split(",")) {
        int eq = item.lastIndexOf('=');
        if (eq <= 0) {
          throw new PreferencesException(
              "write each cap as project=percent, separated by commas, e.g. mnist-demo=50; got '"
                  + item.trim()
                  + "'",
              null);
        }
        wanted.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
      }
    }
    for (String project : base.projectMaxCpuPercent().keySet()) {
      if (!wanted.containsKey(project)) {
        pairs.put(PreferenceField.PROJECTS + "." + project, "none");
      }
    }
    wanted.forEach((project, pct) -> pairs.put(PreferenceField.PROJECTS + "." + project, pct));
    return pairs;
  }

  /**
   * Why {@code text} is no valid value of {@code field} on top of {@code base}, in the engine's own
   * words, or null if it is valid.
   */
  static String problem(Preferences base, PreferenceField field, String text) {
    try {
      PreferenceOverrides.apply(base, pairs(base, field, text));
      return null;
    } catch (PreferencesException e) {
      return withoutKey(e.getMessage());
    }
  }

  /** "inUse.maxCpuPercent=0: maxCpuPercent must be ..." → "maxCpuPercent must be ...". */
  static String withoutKey(String message) {
    if (message == null) {
      return "invalid value";
    }
    int colon = message.indexOf(": ");
    int eq = message.indexOf('=');
    return eq > 0 && colon > eq ? message.substring(colon + 2) : message;
  }

  private static final Moshi MOSHI = new Moshi.Builder().build();

  private static Object tree(Preferences preferences) {
    try {
      return MOSHI.adapter(Object.class).fromJson(PreferencesStore.toJson(preferences));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<PreferenceField> fields() {
    return PreferenceField.ALL;
  }
}
