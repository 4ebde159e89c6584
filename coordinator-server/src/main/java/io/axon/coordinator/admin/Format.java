package io.axon.coordinator.admin;

import java.util.Locale;

/** Numbers as the pages show them. */
public final class Format {
  private Format() {}

  /**
   * Credit with two decimals, or three significant digits when smaller than 0.01: a small job's
   * work unit earns a few billionths of a credit, which "0.00" would hide.
   */
  public static String credit(double value) {
    if (value == 0) {
      return "0";
    }
    if (Math.abs(value) >= 0.01) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  /** A size such as "512 MiB", "256 KiB" or "900 bytes". */
  public static String bytes(long value) {
    if (value >= 1024L * 1024 && value % (1024L * 1024) == 0) {
      return value / (1024L * 1024) + " MiB";
    }
    if (value >= 1024 && value % 1024 == 0) {
      return value / 1024 + " KiB";
    }
    return value + " bytes";
  }
}
