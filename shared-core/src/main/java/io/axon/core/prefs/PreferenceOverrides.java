package io.axon.core.prefs;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Changes preferences from {@code key=value} pairs: a config file (java.util.Properties syntax) or
 * command-line arguments such as {@code inUse.maxCpuPercent=50}. A key is the JSON path of the
 * field (docs/VOLUNTEERING.md lists them all); schedules take {@code computeSchedule.monday=
 * 09:00-17:00,19:00-22:00}, {@code computeSchedule.everyDay=22:00-06:00}, {@code none} or {@code
 * all}; per-project caps take {@code projectMaxCpuPercent.<project>=25} (or {@code none}).
 */
public final class PreferenceOverrides {
  static final String EVERY_DAY = "everyDay";
  private static final String PROJECTS = "projectMaxCpuPercent";

  private PreferenceOverrides() {}

  /** The pairs of a config file in java.util.Properties syntax (UTF-8), sorted by key. */
  public static Map<String, String> readFile(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> pairs = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      pairs.put(key.trim(), properties.getProperty(key).trim());
    }
    return pairs;
  }

  /**
   * Command-line style pairs, each {@code key=value}, in the order given.
   *
   * @throws PreferencesException for an argument without '='
   */
  public static Map<String, String> parseArguments(List<String> arguments) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String argument : arguments) {
      int eq = argument.indexOf('=');
      if (eq <= 0) {
        throw new PreferencesException(
            "expected key=value, e.g. inUse.maxCpuPercent=50, got '" + argument + "'", null);
      }
      pairs.put(argument.substring(0, eq).trim(), argument.substring(eq + 1).trim());
    }
    return pairs;
  }

  /**
   * {@code base} with every pair applied; {@code everyDay} schedule keys go before the weekday
   * keys, the rest in the map's order.
   *
   * @throws PreferencesException naming the key for an unknown key or a rejected value
   */
  public static Preferences apply(Preferences base, Map<String, String> pairs) {
    List<Map.Entry<String, String>> ordered = new ArrayList<>();
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (e.getKey().endsWith("." + EVERY_DAY)) {
        ordered.add(e);
      }
    }
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (!e.getKey().endsWith("." + EVERY_DAY)) {
        ordered.add(e);
      }
    }
    Preferences current = base;
    for (Map.Entry<String, String> e : ordered) {
      current = apply(current, e.getKey(), e.getValue());
    }
    return current;
  }

  /** Every key a config file or argument may set; {@code <project>} stands for a project name. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    flatten("", tree(Preferences.defaults()), keys);
    return keys;
  }

  private static void flatten(String prefix, Map<String, Object> tree, List<String> keys) {
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      String key = prefix + e.getKey();
      if (key.equals("computeSchedule") || key.equals("networkSchedule")) {
        keys.add(key + "." + EVERY_DAY);
        for (DayOfWeek day : DayOfWeek.values()) {
          keys.add(key + "." + PreferencesJson.dayName(day));
        }
      } else if (key.equals(PROJECTS)) {
        keys.add(PROJECTS + ".<project>");
      } else if (e.getValue() instanceof Map) {
        flatten(key + ".", asMap(e.getValue()), keys);
      } else {
        keys.add(key);
      }
    }
  }

  private static Preferences apply(Preferences base, String key, String value) {
    Map<String, Object> root = tree(base);
    String[] parts = key.split("\\.", -1);
    try {
      if ((parts[0].equals("computeSchedule") || parts[0].equals("networkSchedule"))
          && parts.length == 2) {
        setSchedule(asMap(root.get(parts[0])), parts[1], value);
      } else if (parts[0].equals(PROJECTS) && parts.length >= 2) {
        String project = key.substring(PROJECTS.length() + 1);
        Map<String, Object> projects = asMap(root.get(PROJECTS));
        if (value.equalsIgnoreCase("none")) {
          projects.remove(project);
        } else {
          projects.put(project, wholeNumber(value));
        }
      } else {
        Map<String, Object> parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
          Object child = parent.get(parts[i]);
          if (!(child instanceof Map)) {
            throw unknownKey(key);
          }
          parent = asMap(child);
        }
        String leaf = parts[parts.length - 1];
        if (!parent.containsKey(leaf) || parent.get(leaf) instanceof Map) {
          throw unknownKey(key);
        }
        parent.put(leaf, convert(parent.get(leaf), value));
      }
      return PreferencesJson.PREFERENCES.fromJsonValue(root);
    } catch (JsonDataException | IllegalArgumentException e) {
      throw new PreferencesException(key + "=" + value + ": " + e.getMessage(), e);
    }
  }

  private static void setSchedule(Map<String, Object> schedule, String day, String value) {
    List<String> days = new ArrayList<>();
    if (day.equals(EVERY_DAY)) {
      for (DayOfWeek d : DayOfWeek.values()) {
        days.add(PreferencesJson.dayName(d));
      }
    } else {
      days.add(PreferencesJson.dayName(PreferencesJson.parseDay(day)));
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (String d : days) {
      if (v.equals("all")) {
        schedule.remove(d);
      } else if (v.equals("none")) {
        schedule.put(d, new ArrayList<>());
      } else {
        List<String> windows = new ArrayList<>();
        for (String w : value.split(",", -1)) {
          windows.add(w.trim());
        }
        schedule.put(d, windows);
      }
    }
  }

  private static Object convert(Object current, String value) {
    if (current instanceof Boolean) {
      if (value.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (value.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("expected true or false");
    }
    if (current instanceof Number) {
      return wholeNumber(value);
    }
    // Strings and the nullable snoozeUntil.
    return value.isEmpty() || value.equalsIgnoreCase("none") ? null : value;
  }

  private static Long wholeNumber(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number", e);
    }
  }

  private static IllegalArgumentException unknownKey(String key) {
    return new IllegalArgumentException(
        "unknown preference key; the keys are listed in docs/VOLUNTEERING.md: "
            + String.join(", ", keys()));
  }

  private static Map<String, Object> tree(Preferences preferences) {
    return asMap(PreferencesJson.PREFERENCES.serializeNulls().toJsonValue(preferences));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
