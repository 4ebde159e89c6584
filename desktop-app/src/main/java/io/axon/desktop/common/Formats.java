package io.axon.desktop.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** How numbers, times and durations read in the app. */
public final class Formats {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.getDefault());
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withLocale(Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withLocale(Locale.ROOT);

  private static final BigDecimal CENT = new BigDecimal("0.01");

  private Formats() {}

  public static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "–";
    }
    return Math.round(fraction * 100) + " %";
  }

  /** "1 h 05 min", "3 min 20 s", "12 s"; "–" when unknown. */
  public static String duration(Duration d) {
    if (d == null) {
      return "–";
    }
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return s + " s";
  }

  public static String dateTime(Instant instant, ZoneId zone) {
    return instant == null ? "–" : DATE_TIME.format(instant.atZone(zone));
  }

  /** To the second, sortable: for the event log. */
  public static String logTime(Instant instant, ZoneId zone) {
    return instant == null ? "–" : LOG_TIME.format(instant.atZone(zone));
  }

  public static String time(Instant instant, ZoneId zone) {
    return instant == null ? "–" : TIME.format(instant.atZone(zone));
  }

  /** Credit with two decimals, or four significant digits below 1 (a small unit earns 0.0006). */
  public static String credit(double credit) {
    if (credit != 0 && Math.abs(credit) < 1) {
      return new BigDecimal(credit).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%,.2f", credit);
  }

  public static String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "–";
    }
    String unit = currency == null ? "" : " " + currency;
    if (amount.signum() != 0 && amount.abs().compareTo(CENT) < 0) {
      // a small unit earns fractions of a cent: show them rather than 0.00
      return amount.round(new MathContext(3)).stripTrailingZeros().toPlainString() + unit;
    }
    return String.format(Locale.ROOT, "%,.2f", amount) + unit;
  }
}
