package io.axon.desktop.preferences;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One editable preference: its key (the JSON path that {@code PreferenceOverrides} takes), how it
 * is edited, and the section it is shown in. {@link #ALL} lists every preference of the engine.
 */
record PreferenceField(String key, Kind kind, String section) {
  enum Kind {
    NUMBER,
    BOOLEAN,
    RUN_MODE,
    TEXT,
    /** {@code projectMaxCpuPercent}: "name=percent, ..." */
    PROJECT_CAPS
  }

  static final String PROJECTS = "projectMaxCpuPercent";

  static final List<PreferenceField> ALL = all();

  private static List<PreferenceField> all() {
    List<PreferenceField> f = new ArrayList<>();
    f.add(new PreferenceField("runMode", Kind.RUN_MODE, "general"));
    f.add(new PreferenceField("snoozeUntil", Kind.TEXT, "general"));
    f.add(new PreferenceField("inUseMinutes", Kind.NUMBER, "general"));
    f.add(new PreferenceField("runOnlyWhenIdle", Kind.BOOLEAN, "general"));
    f.add(new PreferenceField("loadGraceSeconds", Kind.NUMBER, "general"));
    for (String profile : List.of("inUse", "notInUse")) {
      for (String limit :
          List.of(
              "maxCpuPercent",
              "cpuTimePercent",
              "suspendAboveOtherCpuPercent",
              "maxMemoryPercent")) {
        f.add(new PreferenceField(profile + "." + limit, Kind.NUMBER, profile));
      }
    }
    f.add(new PreferenceField("suspendOnBattery", Kind.BOOLEAN, "power"));
    f.add(new PreferenceField("minBatteryPercent", Kind.NUMBER, "power"));
    f.add(new PreferenceField("maxCpuTemperatureCelsius", Kind.NUMBER, "power"));
    for (String schedule : List.of("computeSchedule", "networkSchedule")) {
      for (DayOfWeek day : DayOfWeek.values()) {
        f.add(
            new PreferenceField(
                schedule + "." + day.name().toLowerCase(Locale.ROOT), Kind.TEXT, schedule));
      }
    }
    f.add(new PreferenceField("network.maxMegabytes", Kind.NUMBER, "network"));
    f.add(new PreferenceField("network.periodDays", Kind.NUMBER, "network"));
    f.add(new PreferenceField("network.maxUploadKilobytesPerSecond", Kind.NUMBER, "network"));
    f.add(new PreferenceField("network.maxDownloadKilobytesPerSecond", Kind.NUMBER, "network"));
    f.add(new PreferenceField("disk.cacheMaxMegabytes", Kind.NUMBER, "network"));
    f.add(new PreferenceField(PROJECTS, Kind.PROJECT_CAPS, "projects"));
    return List.copyOf(f);
  }

  /** The id of its control, e.g. {@code pref-inUse-maxCpuPercent}. */
  String controlId() {
    return "pref-" + key.replace('.', '-');
  }

  /** The id of its error label. */
  String errorId() {
    return "error-" + key.replace('.', '-');
  }
}
