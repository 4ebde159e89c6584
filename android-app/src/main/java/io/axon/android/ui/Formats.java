package io.axon.android.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers and times read on the phone: the same rules as the desktop app's. */
final class Formats {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withLocale(Locale.ROOT);
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private Formats() {}

  /** "42 %"; "–" when unknown. */
  static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return "–";
    }
    return Math.round(fraction * 100) + " %";
  }

  /** Credit with two decimals, or four significant digits below 1 (a small unit earns 0.0006). */
  static String credit(double credit) {
    if (credit != 0 && Math.abs(credit) < 1) {
      return new BigDecimal(credit).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%,.2f", credit);
  }

  /** "1.25 EUR"; fractions of a cent with three significant digits rather than 0.00. */
  static String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "–";
    }
    String unit = currency == null || currency.isEmpty() ? "" : " " + currency;
    if (amount.signum() != 0 && amount.abs().compareTo(CENT) < 0) {
      return amount.round(new MathContext(3)).stripTrailingZeros().toPlainString() + unit;
    }
    return String.format(Locale.ROOT, "%,.2f", amount) + unit;
  }

  /** To the second, short enough for a phone's line: for the event log. */
  static String logTime(Instant instant, ZoneId zone) {
    return instant == null ? "–" : LOG_TIME.format(instant.atZone(zone));
  }
}
