package io.axon.core.prefs;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When something may run, per weekday. A weekday missing from {@code days} is allowed all day; a
 * weekday with an empty list is not allowed at all; otherwise the listed windows apply. A window
 * across midnight (22:00-06:00) belongs to the day it starts on, so Monday's 22:00-06:00 also
 * allows Tuesday 03:00. BOINC's start_hour/end_hour is the same window on every day, its day_prefs
 * the per-weekday windows.
 *
 * @param days windows per weekday; missing days are unrestricted
 */
public record Schedule(Map<DayOfWeek, List<TimeWindow>> days) {
  /** No restriction on any day. */
  public static final Schedule ALWAYS = new Schedule(Map.of());

  public Schedule {
    if (days == null) {
      throw new IllegalArgumentException("a schedule needs its days (an empty map allows all)");
    }
    EnumMap<DayOfWeek, List<TimeWindow>> copy = new EnumMap<>(DayOfWeek.class);
    for (Map.Entry<DayOfWeek, List<TimeWindow>> e : days.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("a schedule day needs a weekday and a list of windows");
      }
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    days = Collections.unmodifiableMap(copy);
  }

  /** The same window on every day of the week (BOINC's start_hour/end_hour). */
  public static Schedule daily(TimeWindow window) {
    Map<DayOfWeek, List<TimeWindow>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(day, List.of(window));
    }
    return new Schedule(days);
  }

  /** This schedule with {@code day} set to {@code windows} (empty: not at all that day). */
  public Schedule with(DayOfWeek day, List<TimeWindow> windows) {
    Map<DayOfWeek, List<TimeWindow>> copy = new EnumMap<>(DayOfWeek.class);
    copy.putAll(days);
    copy.put(day, windows);
    return new Schedule(copy);
  }

  /** This schedule with {@code day} allowed all day. */
  public Schedule withoutRestriction(DayOfWeek day) {
    Map<DayOfWeek, List<TimeWindow>> copy = new EnumMap<>(DayOfWeek.class);
    copy.putAll(days);
    copy.remove(day);
    return new Schedule(copy);
  }

  /** True if no day is restricted. */
  public boolean isAlways() {
    return days.isEmpty();
  }

  /** True if the local date and time lies inside the schedule. */
  public boolean allows(LocalDateTime time) {
    DayOfWeek today = time.getDayOfWeek();
    LocalTime now = time.toLocalTime();
    List<TimeWindow> todays = days.get(today);
    if (todays == null) {
      return true;
    }
    for (TimeWindow w : todays) {
      boolean inside =
          w.crossesMidnight()
              ? !now.isBefore(w.start())
              : !now.isBefore(w.start()) && now.isBefore(w.end());
      if (inside) {
        return true;
      }
    }
    // The tail of yesterday's windows that run across midnight.
    List<TimeWindow> yesterdays = days.get(today.minus(1));
    if (yesterdays == null) {
      // Yesterday was unrestricted all day, which ends at midnight.
      return false;
    }
    for (TimeWindow w : yesterdays) {
      if (w.crossesMidnight() && now.isBefore(w.end())) {
        return true;
      }
    }
    return false;
  }

  /** The windows of a day as text, e.g. "09:00-12:00, 13:00-17:00", "all day" or "none". */
  public String describe(DayOfWeek day) {
    List<TimeWindow> windows = days.get(day);
    if (windows == null) {
      return "all day";
    }
    if (windows.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (TimeWindow w : windows) {
      parts.add(w.toString());
    }
    return String.join(", ", parts);
  }
}
