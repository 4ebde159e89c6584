package io.axon.coordinator.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The queries of an earnings statement. Each reads one account's rows through an index: whole days
 * from {@code credit_daily} (primary key), partial days and the newest entries from {@code
 * credit_ledger} (account, time), hosts by {@code hosts_by_account} (V30).
 */
@RegisterConstructorMapper(StatementDao.DayRow.class)
@RegisterConstructorMapper(StatementDao.JobRow.class)
@RegisterConstructorMapper(StatementDao.EntryRow.class)
@RegisterConstructorMapper(StatementDao.HostRow.class)
public interface StatementDao {
  /** Credit and earnings of one job on one UTC day. */
  record DayRow(
      LocalDate grantDay, long jobId, String jobName, double credit, BigDecimal earnings) {}

  /** Credit and earnings of one job in a stretch of time. */
  record JobRow(long jobId, String jobName, double credit, BigDecimal earnings) {}

  record EntryRow(
      Instant grantedAt,
      long jobId,
      String jobName,
      long workUnitId,
      long hostId,
      double credit,
      BigDecimal earnings) {}

  record HostRow(
      long id, String name, double totalCredit, double expavgCredit, long expavgMillis) {}

  /** The whole days {@code [fromDay, toDay)}. */
  @SqlQuery(
      "SELECT d.grant_day, d.job_id, j.name AS job_name, d.credit, d.earnings"
          + " FROM credit_daily d JOIN jobs j ON j.id = d.job_id"
          + " WHERE d.account_id = :account AND d.grant_day >= :fromDay AND d.grant_day < :toDay")
  List<DayRow> days(
      @Bind("account") long account,
      @Bind("fromDay") LocalDate fromDay,
      @Bind("toDay") LocalDate toDay);

  /** Grants in {@code [from, to)} per job; meant for less than a day. */
  @SqlQuery(
      "SELECT l.job_id, j.name AS job_name, SUM(l.credit) AS credit, SUM(l.earnings) AS earnings"
          + " FROM credit_ledger l JOIN jobs j ON j.id = l.job_id"
          + " WHERE l.account_id = :account AND l.granted_at >= :from AND l.granted_at < :to"
          + " GROUP BY l.job_id, j.name")
  List<JobRow> jobsBetween(
      @Bind("account") long account, @Bind("from") Instant from, @Bind("to") Instant to);

  /** The newest grants in {@code [from, to)}, newest first. */
  @SqlQuery(
      "SELECT l.granted_at, l.job_id, j.name AS job_name, l.work_unit_id, l.host_id, l.credit,"
          + " l.earnings FROM credit_ledger l JOIN jobs j ON j.id = l.job_id"
          + " WHERE l.account_id = :account AND l.granted_at >= :from AND l.granted_at < :to"
          // account_id first, though fixed: the index's own order, which H2 then reads without
          // sorting the whole period
          + " ORDER BY l.account_id, l.granted_at DESC, l.id DESC LIMIT :limit")
  List<EntryRow> newest(
      @Bind("account") long account,
      @Bind("from") Instant from,
      @Bind("to") Instant to,
      @Bind("limit") int limit);

  @SqlQuery(
      "SELECT id, name, total_credit, expavg_credit, expavg_millis FROM hosts"
          + " WHERE account_id = :account ORDER BY id")
  List<HostRow> hosts(@Bind("account") long account);
}
