package io.axon.core.prefs;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A daily time window such as 09:00-17:00. A window whose end is before its start runs across
 * midnight (22:00-06:00) and belongs to the day it starts on.
 *
 * @param start first minute inside the window
 * @param end first minute after the window
 */
public record TimeWindow(LocalTime start, LocalTime end) {
  public TimeWindow {
    if (start == null || end == null) {
      throw new IllegalArgumentException(
          "a time window needs a start and an end, e.g. 09:00-17:00");
    }
    if (start.equals(end)) {
      throw new IllegalArgumentException(
          "a time window needs different start and end times, got "
              + start
              + "-"
              + end
              + " (leave the day out of the schedule to allow the whole day)");
    }
  }

  /** Parses {@code HH:mm-HH:mm}, e.g. {@code 22:00-06:00}. */
  public static TimeWindow parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int dash = trimmed.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException(
          "a time window is written HH:mm-HH:mm, e.g. 09:00-17:00; got '" + text + "'");
    }
    try {
      return new TimeWindow(
          LocalTime.parse(trimmed.substring(0, dash).trim()),
          LocalTime.parse(trimmed.substring(dash + 1).trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "a time window is written HH:mm-HH:mm, e.g. 09:00-17:00; got '" + text + "'", e);
    }
  }

  /** True if the window runs across midnight into the next day. */
  public boolean crossesMidnight() {
    return end.isBefore(start);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
