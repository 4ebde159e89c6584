package io.axon.coordinator.credit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pays a validated replica: appends one row to the credit ledger and adds the credit to its host's
 * and account's totals and recent averages, in the caller's transaction. A replica is paid at most
 * once (the ledger's {@code replica_id} is unique), so granting again, on this coordinator or
 * another, changes nothing.
 */
@Singleton
public final class CreditGranter {
  /** Earnings are kept to 9 decimal places. */
  public static final int MONEY_SCALE = 9;

  @Inject
  public CreditGranter() {}

  /** What a validated replica is paid for. */
  public record Grant(
      long replicaId, long workUnitId, long jobId, long hostId, long flops, Instant at) {}

  /** Grants the credit of {@code grant}; false if this replica was paid already. */
  public boolean grant(Handle handle, Grant grant) {
    boolean paid =
        handle
                .createQuery("SELECT COUNT(*) FROM credit_ledger WHERE replica_id = :replica")
                .bind("replica", grant.replicaId())
                .mapTo(long.class)
                .one()
            > 0;
    if (paid) {
      return false;
    }
    double credit = Cobblestones.of(grant.flops());
    BigDecimal rate =
        handle
            .createQuery("SELECT payout_per_credit FROM jobs WHERE id = :job")
            .bind("job", grant.jobId())
            .mapTo(BigDecimal.class)
            .one();
    BigDecimal earnings =
        rate.multiply(BigDecimal.valueOf(credit)).setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    Optional<Long> account =
        handle
            .createQuery("SELECT account_id FROM hosts WHERE id = :host")
            .bind("host", grant.hostId())
            .mapTo(Long.class)
            .findOne();
    // The unique replica_id makes a concurrent second grant fail here, rolling its transaction
    // back, instead of paying twice.
    handle
        .createUpdate(
            "INSERT INTO credit_ledger (replica_id, work_unit_id, job_id, host_id, account_id,"
                + " flops, credit, payout_per_credit, earnings, granted_at) VALUES (:replica,"
                + " :unit, :job, :host, :account, :flops, :credit, :rate, :earnings, :at)")
        .bind("replica", grant.replicaId())
        .bind("unit", grant.workUnitId())
        .bind("job", grant.jobId())
        .bind("host", grant.hostId())
        .bind("account", account.orElse(null))
        .bind("flops", grant.flops())
        .bind("credit", credit)
        .bind("rate", rate)
        .bind("earnings", earnings)
        .bind("at", grant.at())
        .execute();
    addToAverage(handle, "hosts", grant.hostId(), credit, grant.at());
    if (account.isPresent()) {
      addToAverage(handle, "accounts", account.get(), credit, grant.at());
    }
    return true;
  }

  private static void addToAverage(
      Handle handle, String table, long id, double credit, Instant at) {
    // Row-locked read-modify-write: two grants to one host on two coordinators serialize here.
    var row =
        handle
            .createQuery(
                "SELECT expavg_credit, expavg_millis FROM " + table + " WHERE id = :id FOR UPDATE")
            .bind("id", id)
            .map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getLong(2)})
            .one();
    long now = at.toEpochMilli();
    double average = RecentAverage.add(row[0], (long) row[1], credit, now);
    handle
        .createUpdate(
            "UPDATE "
                + table
                + " SET total_credit = total_credit + :credit, expavg_credit = :avg,"
                + " expavg_millis = :now WHERE id = :id")
        .bind("credit", credit)
        .bind("avg", average)
        .bind("now", Math.max(now, (long) row[1]))
        .bind("id", id)
        .execute();
  }
}
