package io.axon.desktop.credit;

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
 * @param days credit and earnings per UTC day, oldest first
 * @param jobs credit and earnings per job
 */
public record Earnings(
    String accountName,
    double totalCredit,
    double recentAverageCredit,
    String currency,
    BigDecimal totalEarnings,
    List<Day> days,
    List<Job> jobs) {
  public Earnings {
    days = List.copyOf(days);
    jobs = List.copyOf(jobs);
  }

  public record Day(LocalDate date, double credit, BigDecimal earnings) {}

  public record Job(String jobName, double credit, BigDecimal earnings) {}
}
