package io.axon.android;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What one coordinator says this volunteer's account has earned.
 *
 * @param accountName the account's name
 * @param totalCredit all credit granted (cobblestones)
 * @param recentAverageCredit the recent average credit per day (RAC), decayed to now
 * @param currency the currency of {@code totalEarnings}
 * @param totalEarnings money earned
 * @param days credit and earnings per UTC day, oldest first (for the chart)
 */
public record Earnings(
    String accountName,
    double totalCredit,
    double recentAverageCredit,
    String currency,
    BigDecimal totalEarnings,
    List<Day> days) {
  public Earnings {
    days = List.copyOf(days);
  }

  /** One UTC day of credit and earnings. */
  public record Day(LocalDate date, double credit, BigDecimal earnings) {}
}
