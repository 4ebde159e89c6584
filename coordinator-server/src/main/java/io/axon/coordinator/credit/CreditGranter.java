package io.axon.coordinator.credit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Pays validated replicas: appends one row per replica to the credit ledger and adds its credit to
 * its host's and account's totals, recent averages (RAC) and the account's daily earnings, all in
 * the caller's transaction (READ COMMITTED, as JDBI's default).
 *
 * <p>A replica is paid at most once, whichever coordinator validates it and however often: the
 * ledger's {@code replica_id} is unique and the row is inserted with {@code ON CONFLICT DO
 * NOTHING}, so a concurrent second grant waits for the first transaction and then pays nothing (or
 * pays, if the first rolled back). The ledger row goes in first; only a grant that inserted it
 * touches the totals, under row locks taken in a fixed order (hosts, then accounts, each by id), so
 * that grants on several coordinators neither lose an update nor deadlock one another.
 */
@Singleton
public final class CreditGranter {
  /** Earnings are kept to 9 decimal places (NUMERIC(24, 9)). */
  public static final int MONEY_SCALE = 9;

  @Inject
  public CreditGranter() {}

  /**
   * What a validated replica is paid for.
   *
   * @param flops the work unit's floating-point operations as the coordinator counted them (never
   *     the volunteer's report)
   * @param at when the replica was found valid
   */
  public record Grant(
      long replicaId, long workUnitId, long jobId, long hostId, long flops, Instant at) {
    public Grant {
      Objects.requireNonNull(at, "at");
      if (flops < 0) {
        throw new IllegalArgumentException("flops must not be negative, got " + flops);
      }
    }
  }

  /** Grants the credit of {@code grant}; false if this replica was paid already. */
  public boolean grant(Handle handle, Grant grant) {
    return grantAll(handle, List.of(grant)) == 1;
  }

  /**
   * Grants several replicas in the caller's transaction, e.g. the valid replicas of one work unit.
   * Use this rather than several {@link #grant} calls: it takes its locks in one fixed order.
   *
   * @return how many of them were paid now (the others had been paid before)
   */
  public int grantAll(Handle handle, Collection<Grant> grants) {
    List<Paid> paid = new ArrayList<>();
    // Ledger rows in replica order: two transactions inserting overlapping sets wait on each
    // other's unique keys in one order.
    List<Grant> byReplica = new ArrayList<>(grants);
    byReplica.sort(Comparator.comparingLong(Grant::replicaId));
    for (Grant grant : byReplica) {
      Paid row = insert(handle, grant);
      if (row != null) {
        paid.add(row);
      }
    }
    if (paid.isEmpty()) {
      return 0;
    }
    // RAC adds grants in time order, as BOINC does result by result.
    paid.sort(
        Comparator.comparing((Paid p) -> p.grant.at()).thenComparing(p -> p.grant.replicaId()));
    Map<Long, List<Paid>> byHost = new TreeMap<>();
    Map<Long, List<Paid>> byAccount = new TreeMap<>();
    for (Paid p : paid) {
      byHost.computeIfAbsent(p.grant.hostId(), id -> new ArrayList<>()).add(p);
      if (p.accountId != null) {
        byAccount.computeIfAbsent(p.accountId, id -> new ArrayList<>()).add(p);
      }
    }
    String lock = rowLock(handle);
    byHost.forEach((hostId, list) -> addTo(handle, lock, "hosts", hostId, list));
    byAccount.forEach(
        (accountId, list) -> {
          addTo(handle, lock, "accounts", accountId, list);
          // under the account's row lock: no other grant writes this account's days meanwhile
          addToDays(handle, accountId, list);
        });
    return paid.size();
  }

  /** One ledger row written by this call. */
  private record Paid(Grant grant, Long accountId, double credit, BigDecimal earnings) {}

  private static Paid insert(Handle handle, Grant grant) {
    Payee payee =
        handle
            .createQuery(
                "SELECT h.account_id, j.payout_per_credit FROM hosts h, jobs j"
                    + " WHERE h.id = :host AND j.id = :job")
            .bind("host", grant.hostId())
            .bind("job", grant.jobId())
            .map(
                (rs, ctx) -> {
                  long account = rs.getLong(1);
                  return new Payee(rs.wasNull() ? null : account, rs.getBigDecimal(2));
                })
            .findOne()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no host " + grant.hostId() + " or no job " + grant.jobId()));
    double credit = Cobblestones.of(grant.flops());
    BigDecimal earnings = earnings(payee.rate, credit);
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO credit_ledger (replica_id, work_unit_id, job_id, host_id, account_id,"
                    + " flops, credit, payout_per_credit, earnings, granted_at) VALUES (:replica,"
                    + " :unit, :job, :host, :account, :flops, :credit, :rate, :earnings, :at)"
                    + " ON CONFLICT DO NOTHING")
            .bind("replica", grant.replicaId())
            .bind("unit", grant.workUnitId())
            .bind("job", grant.jobId())
            .bind("host", grant.hostId())
            .bind("account", payee.accountId)
            .bind("flops", grant.flops())
            .bind("credit", credit)
            .bind("rate", payee.rate)
            .bind("earnings", earnings)
            .bind("at", grant.at())
            .execute();
    return inserted == 1 ? new Paid(grant, payee.accountId, credit, earnings) : null;
  }

  private record Payee(Long accountId, BigDecimal rate) {}

  /** Money for {@code credit} at {@code rate} per credit, to 9 places (half-even). */
  public static BigDecimal earnings(BigDecimal rate, double credit) {
    return rate.multiply(BigDecimal.valueOf(credit)).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * The row lock of a read-modify-write. On PostgreSQL the ledger row's foreign keys hold KEY SHARE
   * locks on its host and account; FOR UPDATE conflicts with those, so two grants to one host would
   * each wait for the other (deadlock). FOR NO KEY UPDATE, the lock an UPDATE of non-key columns
   * takes, does not. H2 locks nothing for foreign keys and knows only FOR UPDATE.
   */
  private static String rowLock(Handle handle) {
    try {
      String product = handle.getConnection().getMetaData().getDatabaseProductName();
      return product.equals("PostgreSQL") ? " FOR NO KEY UPDATE" : " FOR UPDATE";
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database product", e);
    }
  }

  private static void addTo(Handle handle, String lock, String table, long id, List<Paid> paid) {
    // Row-locked read-modify-write: two grants to one host on two coordinators serialize here.
    Average average =
        handle
            .createQuery(
                "SELECT expavg_credit, expavg_millis FROM " + table + " WHERE id = :id" + lock)
            .bind("id", id)
            .map((rs, ctx) -> new Average(rs.getDouble(1), rs.getLong(2)))
            .one();
    double avg = average.credit;
    long avgMillis = average.millis;
    double total = 0;
    BigDecimal earnings = BigDecimal.ZERO;
    for (Paid p : paid) {
      long now = p.grant.at().toEpochMilli();
      avg = RecentAverage.add(avg, avgMillis, p.credit, now);
      avgMillis = Math.max(avgMillis, now);
      total += p.credit;
      earnings = earnings.add(p.earnings);
    }
    handle
        .createUpdate(
            "UPDATE "
                + table
                + " SET total_credit = total_credit + :credit, expavg_credit = :avg,"
                + " expavg_millis = :millis"
                + (table.equals("accounts") ? ", total_earnings = total_earnings + :earnings" : "")
                + " WHERE id = :id")
        .bind("credit", total)
        .bind("avg", avg)
        .bind("millis", avgMillis)
        .bind("earnings", earnings)
        .bind("id", id)
        .execute();
  }

  private record Average(double credit, long millis) {}

  private static void addToDays(Handle handle, long accountId, List<Paid> paid) {
    Map<DayAndJob, Day> days = new TreeMap<>();
    for (Paid p : paid) {
      LocalDate day = LocalDate.ofInstant(p.grant.at(), ZoneOffset.UTC);
      days.computeIfAbsent(new DayAndJob(day, p.grant.jobId()), k -> new Day()).add(p);
    }
    days.forEach(
        (key, day) -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE credit_daily SET credit = credit + :credit,"
                          + " earnings = earnings + :earnings, replicas = replicas + :replicas"
                          + " WHERE account_id = :account AND grant_day = :day AND job_id = :job")
                  .bind("credit", day.credit)
                  .bind("earnings", day.earnings)
                  .bind("replicas", day.replicas)
                  .bind("account", accountId)
                  .bind("day", key.day)
                  .bind("job", key.jobId)
                  .execute();
          if (updated == 0) {
            handle
                .createUpdate(
                    "INSERT INTO credit_daily (account_id, grant_day, job_id, credit, earnings,"
                        + " replicas) VALUES (:account, :day, :job, :credit, :earnings, :replicas)")
                .bind("credit", day.credit)
                .bind("earnings", day.earnings)
                .bind("replicas", day.replicas)
                .bind("account", accountId)
                .bind("day", key.day)
                .bind("job", key.jobId)
                .execute();
          }
        });
  }

  private record DayAndJob(LocalDate day, long jobId) implements Comparable<DayAndJob> {
    @Override
    public int compareTo(DayAndJob other) {
      int byDay = day.compareTo(other.day);
      return byDay != 0 ? byDay : Long.compare(jobId, other.jobId);
    }
  }

  private static final class Day {
    double credit;
    BigDecimal earnings = BigDecimal.ZERO;
    long replicas;

    void add(Paid p) {
      credit += p.credit;
      earnings = earnings.add(p.earnings);
      replicas++;
    }
  }
}
