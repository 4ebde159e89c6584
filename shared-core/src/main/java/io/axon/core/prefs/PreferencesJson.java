package io.axon.core.prefs;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.axon.core.prefs.Preferences.DiskLimits;
import io.axon.core.prefs.Preferences.NetworkLimits;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.prefs.Preferences.UsageLimits;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The explicit JSON adapters of {@link Preferences} (no reflection, see {@link JsonRecord}). Field
 * names are the record component names; a schedule is an object from lower-case weekday to a list
 * of "HH:mm-HH:mm" windows.
 */
final class PreferencesJson {
  private static final Moshi MOSHI = new Moshi.Builder().build();

  static final JsonAdapter<Preferences> PREFERENCES = preferences(Preferences.defaults());

  private PreferencesJson() {}

  private static JsonAdapter<Preferences> preferences(Preferences d) {
    JsonAdapter<Integer> int32 = MOSHI.adapter(int.class);
    JsonAdapter<Boolean> bool = MOSHI.adapter(boolean.class);
    JsonAdapter<Map<String, Integer>> projects =
        MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Integer.class));
    return JsonRecord.builder("preferences", d)
        .field("runMode", new RunModeAdapter(), Preferences::runMode)
        .nullable("snoozeUntil", new InstantAdapter(), Preferences::snoozeUntil)
        .field("inUseMinutes", int32, Preferences::inUseMinutes)
        .field("inUse", usage(d.inUse()), Preferences::inUse)
        .field("notInUse", usage(d.notInUse()), Preferences::notInUse)
        .field("runOnlyWhenIdle", bool, Preferences::runOnlyWhenIdle)
        .field("suspendOnBattery", bool, Preferences::suspendOnBattery)
        .field("minBatteryPercent", int32, Preferences::minBatteryPercent)
        .field("computeSchedule", new ScheduleAdapter(), Preferences::computeSchedule)
        .field("networkSchedule", new ScheduleAdapter(), Preferences::networkSchedule)
        .field("network", network(d.network()), Preferences::network)
        .field("disk", disk(d.disk()), Preferences::disk)
        .field("loadGraceSeconds", int32, Preferences::loadGraceSeconds)
        .field("projectMaxCpuPercent", projects, Preferences::projectMaxCpuPercent)
        .field("maxCpuTemperatureCelsius", int32, Preferences::maxCpuTemperatureCelsius)
        .build(
            v ->
                new Preferences(
                    v.get("runMode"),
                    v.get("snoozeUntil"),
                    v.get("inUseMinutes"),
                    v.get("inUse"),
                    v.get("notInUse"),
                    v.get("runOnlyWhenIdle"),
                    v.get("suspendOnBattery"),
                    v.get("minBatteryPercent"),
                    v.get("computeSchedule"),
                    v.get("networkSchedule"),
                    v.get("network"),
                    v.get("disk"),
                    v.get("loadGraceSeconds"),
                    v.get("projectMaxCpuPercent"),
                    v.get("maxCpuTemperatureCelsius")));
  }

  private static JsonAdapter<UsageLimits> usage(UsageLimits d) {
    JsonAdapter<Integer> int32 = MOSHI.adapter(int.class);
    return JsonRecord.builder("usage limits", d)
        .field("maxCpuPercent", int32, UsageLimits::maxCpuPercent)
        .field("cpuTimePercent", int32, UsageLimits::cpuTimePercent)
        .field("suspendAboveOtherCpuPercent", int32, UsageLimits::suspendAboveOtherCpuPercent)
        .field("maxMemoryPercent", int32, UsageLimits::maxMemoryPercent)
        .build(
            v ->
                new UsageLimits(
                    v.get("maxCpuPercent"),
                    v.get("cpuTimePercent"),
                    v.get("suspendAboveOtherCpuPercent"),
                    v.get("maxMemoryPercent")));
  }

  private static JsonAdapter<NetworkLimits> network(NetworkLimits d) {
    JsonAdapter<Integer> int32 = MOSHI.adapter(int.class);
    JsonAdapter<Long> int64 = MOSHI.adapter(long.class);
    return JsonRecord.builder("network limits", d)
        .field("maxMegabytes", int64, NetworkLimits::maxMegabytes)
        .field("periodDays", int32, NetworkLimits::periodDays)
        .field("maxUploadKilobytesPerSecond", int64, NetworkLimits::maxUploadKilobytesPerSecond)
        .field("maxDownloadKilobytesPerSecond", int64, NetworkLimits::maxDownloadKilobytesPerSecond)
        .build(
            v ->
                new NetworkLimits(
                    v.get("maxMegabytes"),
                    v.get("periodDays"),
                    v.get("maxUploadKilobytesPerSecond"),
                    v.get("maxDownloadKilobytesPerSecond")));
  }

  private static JsonAdapter<DiskLimits> disk(DiskLimits d) {
    return JsonRecord.builder("disk limits", d)
        .field("cacheMaxMegabytes", MOSHI.adapter(long.class), DiskLimits::cacheMaxMegabytes)
        .build(v -> new DiskLimits(v.get("cacheMaxMegabytes")));
  }

  /** Lower-case weekday names as used in JSON and config keys. */
  static String dayName(DayOfWeek day) {
    return day.name().toLowerCase(Locale.ROOT);
  }

  static DayOfWeek parseDay(String name) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (dayName(day).equals(name.toLowerCase(Locale.ROOT))) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "unknown weekday '" + name + "'; use monday, tuesday, ... sunday");
  }

  private static final class RunModeAdapter extends JsonAdapter<RunMode> {
    @Override
    public RunMode fromJson(JsonReader reader) throws IOException {
      String path = reader.getPath();
      String text = reader.nextString();
      try {
        return RunMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new JsonDataException(
            "runMode must be ALWAYS, BY_PREFERENCES or SUSPENDED, got '" + text + "' at " + path);
      }
    }

    @Override
    public void toJson(JsonWriter writer, RunMode value) throws IOException {
      writer.value(value.name());
    }
  }

  private static final class InstantAdapter extends JsonAdapter<Instant> {
    @Override
    public Instant fromJson(JsonReader reader) throws IOException {
      String path = reader.getPath();
      String text = reader.nextString();
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        throw new JsonDataException(
            "expected an instant such as 2026-11-25T14:32:00Z but was '" + text + "' at " + path);
      }
    }

    @Override
    public void toJson(JsonWriter writer, Instant value) throws IOException {
      writer.value(value.toString());
    }
  }

  private static final class ScheduleAdapter extends JsonAdapter<Schedule> {
    @Override
    public Schedule fromJson(JsonReader reader) throws IOException {
      Map<DayOfWeek, List<TimeWindow>> days = new EnumMap<>(DayOfWeek.class);
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        DayOfWeek day;
        try {
          day = parseDay(name);
        } catch (IllegalArgumentException e) {
          throw new JsonDataException(e.getMessage() + " at " + reader.getPath());
        }
        List<TimeWindow> windows = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          String path = reader.getPath();
          String text = reader.nextString();
          try {
            windows.add(TimeWindow.parse(text));
          } catch (IllegalArgumentException e) {
            throw new JsonDataException(e.getMessage() + " at " + path);
          }
        }
        reader.endArray();
        days.put(day, windows);
      }
      reader.endObject();
      return new Schedule(days);
    }

    @Override
    public void toJson(JsonWriter writer, Schedule value) throws IOException {
      writer.beginObject();
      for (Map.Entry<DayOfWeek, List<TimeWindow>> e : value.days().entrySet()) {
        writer.name(dayName(e.getKey()));
        writer.beginArray();
        for (TimeWindow w : e.getValue()) {
          writer.value(w.toString());
        }
        writer.endArray();
      }
      writer.endObject();
    }
  }
}
