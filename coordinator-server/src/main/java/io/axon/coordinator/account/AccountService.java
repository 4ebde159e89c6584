package io.axon.coordinator.account;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.credit.RecentAverage;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.web.ApiException;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.AccountRequest;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volunteer accounts: opens them, recognises them by their key, and answers what they earned. Keys
 * are random UUIDs shown once; only their SHA-256 is stored, as for host tokens.
 */
@Singleton
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final String currency;

  @Inject
  public AccountService(Database database, Clock clock, CoordinatorConfig config) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.currency = config.currency();
  }

  public AccountCreated create(AccountRequest request) {
    String key = UUID.randomUUID().toString();
    long id = jdbi.onDemand(AccountDao.class).insert(request.name(), keyHash(key), clock.instant());
    log.info("account {} opened", id);
    return new AccountCreated(id, request.name(), key);
  }

  /** The account whose key is {@code key}, or empty if none is. */
  public Optional<AccountRow> authenticate(String key) {
    return jdbi.onDemand(AccountDao.class).findByKeySha256(keyHash(key));
  }

  /** Credit and earnings so far, the recent average decayed to now. */
  public AccountSummary summary(AccountRow account) {
    return new AccountSummary(
        account.id(),
        account.name(),
        account.totalCredit(),
        RecentAverage.at(account.expavgCredit(), account.expavgMillis(), clock.millis()),
        currency,
        account.totalEarnings());
  }

  /**
   * What {@code account} earned in {@code [from, to)}; a null {@code from} means from the start of
   * the UTC day the account was opened, a null {@code to} now.
   *
   * <p>Whole UTC days come from {@code credit_daily}, the partial days at either end from the
   * ledger, so the work per request grows with the days of the period, not with the grants in it.
   */
  public EarningsStatement statement(AccountRow account, Instant from, Instant to) {
    Instant start = from != null ? from : startOf(floorDay(account.createdAt()));
    Instant end = to != null ? to : clock.instant();
    if (start.isAfter(end)) {
      throw ApiException.badRequest(
          "from ("
              + start
              + ") is after to ("
              + end
              + (to == null ? ", now" : "")
              + "): the period must not end before it starts");
    }
    // one snapshot: totals, days and entries agree even while grants go on
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        handle -> {
          StatementDao dao = handle.attach(StatementDao.class);
          Totals totals = new Totals();
          LocalDate firstWhole = ceilDay(start);
          LocalDate endWhole = floorDay(end);
          if (firstWhole.isBefore(endWhole)) {
            for (StatementDao.DayRow row : dao.days(account.id(), firstWhole, endWhole)) {
              totals.add(row.grantDay(), row.jobId(), row.jobName(), row.credit(), row.earnings());
            }
            addLedger(dao, account.id(), start, startOf(firstWhole), totals);
            addLedger(dao, account.id(), startOf(endWhole), end, totals);
          } else {
            // no whole day: at most one midnight inside the period
            Instant midnight = startOf(firstWhole);
            if (start.isBefore(midnight) && midnight.isBefore(end)) {
              addLedger(dao, account.id(), start, midnight, totals);
              addLedger(dao, account.id(), midnight, end, totals);
            } else {
              addLedger(dao, account.id(), start, end, totals);
            }
          }
          List<EarningsStatement.Entry> entries = new ArrayList<>();
          for (StatementDao.EntryRow row :
              dao.newest(account.id(), start, end, EarningsStatement.MAX_ENTRIES)) {
            entries.add(
                new EarningsStatement.Entry(
                    row.grantedAt(),
                    row.jobId(),
                    row.jobName(),
                    row.workUnitId(),
                    row.hostId(),
                    row.credit(),
                    row.earnings()));
          }
          long now = clock.millis();
          List<EarningsStatement.Host> hosts = new ArrayList<>();
          for (StatementDao.HostRow row : dao.hosts(account.id())) {
            hosts.add(
                new EarningsStatement.Host(
                    row.id(),
                    row.name(),
                    row.totalCredit(),
                    RecentAverage.at(row.expavgCredit(), row.expavgMillis(), now)));
          }
          return new EarningsStatement(
              account.id(),
              account.name(),
              currency,
              start,
              end,
              totals.credit,
              totals.earnings,
              hosts,
              totals.jobs(),
              totals.days(),
              entries);
        });
  }

  /** Adds the ledger's grants in {@code [from, to)}, a part of one UTC day, to {@code totals}. */
  private static void addLedger(
      StatementDao dao, long account, Instant from, Instant to, Totals totals) {
    if (!from.isBefore(to)) {
      return;
    }
    LocalDate day = floorDay(from);
    for (StatementDao.JobRow row : dao.jobsBetween(account, from, to)) {
      totals.add(day, row.jobId(), row.jobName(), row.credit(), row.earnings());
    }
  }

  private static LocalDate floorDay(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static LocalDate ceilDay(Instant t) {
    LocalDate day = floorDay(t);
    return startOf(day).equals(t) ? day : day.plusDays(1);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static String keyHash(String key) {
    return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
  }

  /** Sums per day and per job. */
  private static final class Totals {
    double credit;
    BigDecimal earnings = BigDecimal.ZERO;
    final Map<LocalDate, Sum> days = new TreeMap<>();
    final Map<Long, Sum> jobs = new TreeMap<>();

    void add(LocalDate day, long jobId, String jobName, double credit, BigDecimal earnings) {
      this.credit += credit;
      this.earnings = this.earnings.add(earnings);
      days.computeIfAbsent(day, d -> new Sum(null)).add(credit, earnings);
      jobs.computeIfAbsent(jobId, id -> new Sum(jobName)).add(credit, earnings);
    }

    List<EarningsStatement.Day> days() {
      List<EarningsStatement.Day> list = new ArrayList<>();
      days.forEach(
          (day, sum) -> list.add(new EarningsStatement.Day(day, sum.credit, sum.earnings)));
      return list;
    }

    List<EarningsStatement.Job> jobs() {
      List<EarningsStatement.Job> list = new ArrayList<>();
      jobs.forEach(
          (id, sum) -> list.add(new EarningsStatement.Job(id, sum.name, sum.credit, sum.earnings)));
      return list;
    }
  }

  private static final class Sum {
    final String name;
    double credit;
    BigDecimal earnings = BigDecimal.ZERO;

    Sum(String name) {
      this.name = name;
    }

    void add(double credit, BigDecimal earnings) {
      this.credit += credit;
      this.earnings = this.earnings.add(earnings);
    }
  }
}
