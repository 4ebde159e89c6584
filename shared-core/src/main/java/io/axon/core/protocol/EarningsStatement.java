package io.axon.core.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/account/statement}: what a volunteer's hosts earned from {@code from}
 * (inclusive) to {@code to} (exclusive), per job, per day (UTC) and grant by grant. The totals, the
 * jobs and the days cover the whole period; {@code entries} holds the newest grants, at most 1000.
 *
 * @param hosts the account's hosts with their credit so far (not limited to the period)
 */
public record EarningsStatement(
    long accountId,
    String name,
    String currency,
    Instant from,
    Instant to,
    double totalCredit,
    BigDecimal totalEarnings,
    List<Host> hosts,
    List<Job> jobs,
    List<Day> days,
    List<Entry> entries) {
  /** The most entries a statement lists. */
  public static final int MAX_ENTRIES = 1000;

  public EarningsStatement {
    Checks.text("name", name, 100);
    Checks.text("currency", currency, 16);
    if (from == null || to == null || from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to, got " + from + ", " + to);
    }
    Money.credit("totalCredit", totalCredit);
    totalEarnings = Money.of("totalEarnings", totalEarnings);
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
    days = days == null ? List.of() : List.copyOf(days);
    entries = entries == null ? List.of() : List.copyOf(entries);
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "at most " + MAX_ENTRIES + " entries, got " + entries.size());
    }
  }

  /** A host of the account and its credit so far. */
  public record Host(long hostId, String name, double totalCredit, double recentAverageCredit) {
    public Host {
      Checks.text("name", name, 100);
      Money.credit("totalCredit", totalCredit);
      Money.credit("recentAverageCredit", recentAverageCredit);
    }
  }

  /** What one job paid in the period. */
  public record Job(long jobId, String jobName, double credit, BigDecimal earnings) {
    public Job {
      Checks.text("jobName", jobName, 100);
      Money.credit("credit", credit);
      earnings = Money.of("earnings", earnings);
    }
  }

  /** What one UTC day of the period brought. */
  public record Day(LocalDate date, double credit, BigDecimal earnings) {
    public Day {
      if (date == null) {
        throw new IllegalArgumentException("date is required");
      }
      Money.credit("credit", credit);
      earnings = Money.of("earnings", earnings);
    }
  }

  /** One grant: the credit of a validated replica of work unit {@code workUnitId}. */
  public record Entry(
      Instant time,
      long jobId,
      String jobName,
      long workUnitId,
      long hostId,
      double credit,
      BigDecimal earnings) {
    public Entry {
      if (time == null) {
        throw new IllegalArgumentException("time is required");
      }
      Checks.text("jobName", jobName, 100);
      Money.credit("credit", credit);
      earnings = Money.of("earnings", earnings);
    }
  }
}
