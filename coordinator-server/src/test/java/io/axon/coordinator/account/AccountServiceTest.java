package io.axon.coordinator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.CreditDatabases;
import io.axon.coordinator.CreditTestData;
import io.axon.coordinator.credit.Cobblestones;
import io.axon.coordinator.credit.CreditGranter;
import io.axon.coordinator.credit.RecentAverage;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.web.ApiException;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.AccountRequest;
import io.axon.core.protocol.AccountSummary;
import io.axon.core.protocol.EarningsStatement;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
  private static final long DAY = 86_400_000L;

  @TempDir Path dir;
  private Database database;
  private CreditTestData data;
  private final MutableClock clock = new MutableClock(T0);
  private AccountService accounts;

  @BeforeEach
  void open() {
    database = openDatabase(dir);
    data = new CreditTestData(database.jdbi());
    accounts =
        new AccountService(database, clock, CoordinatorConfig.builder(dir).currency("EUR").build());
  }

  /** H2 here; {@code AccountServiceOnPostgresTest} runs the same tests on PostgreSQL. */
  Database openDatabase(Path dir) {
    return CreditDatabases.open(dir);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void opensAnAccountWhoseKeyIsShownOnceAndStoredOnlyAsItsHash() {
    AccountCreated created = accounts.create(new AccountRequest("Ada Lovelace"));

    assertThat(created.name()).isEqualTo("Ada Lovelace");
    assertThat(UUID.fromString(created.accountKey())).isNotNull();
    assertThat(accounts.authenticate(created.accountKey()).orElseThrow().id())
        .isEqualTo(created.accountId());
    assertThat(accounts.authenticate(UUID.randomUUID().toString())).isEmpty();
    assertThat(
            data.query(
                "SELECT COUNT(*) FROM accounts WHERE key_sha256 = ?",
                Long.class,
                created.accountKey()))
        .isZero();
    assertThat(
            data.query(
                "SELECT key_sha256 FROM accounts WHERE id = ?", String.class, created.accountId()))
        .hasSize(64);
  }

  @Test
  void theSummaryHasTheTotalsAndTheRecentAverageDecayedToNow() {
    AccountCreated ada = accounts.create(new AccountRequest("ada"));
    long job = data.job("paid", "0.02");
    long host = data.host("pc");
    data.attach(host, ada.accountId());
    long flops = 86_400_000_000_000L; // 200 credits
    data.pay(data.grant(job, data.workUnit(job, flops), host, flops, T0));

    clock.set(T0.plusMillis(7 * DAY));
    AccountSummary summary =
        accounts.summary(accounts.authenticate(ada.accountKey()).orElseThrow());

    double stored = RecentAverage.add(0, 0, 200, T0.toEpochMilli());
    assertThat(summary.totalCredit()).isEqualTo(200.0);
    assertThat(summary.recentAverageCredit()).isCloseTo(stored / 2, within(1e-9));
    assertThat(summary.totalEarnings()).isEqualByComparingTo("4");
    assertThat(summary.currency()).isEqualTo("EUR");
    assertThat(summary.name()).isEqualTo("ada");
  }

  /** The statement reads whole days from the daily sums: it must agree with the ledger. */
  @Test
  void aStatementCountsExactlyTheGrantsOfItsPeriodWhateverItsEnds() {
    AccountRow ada = open("ada");
    AccountRow grace = open("grace");
    List<Long> jobs =
        List.of(data.job("a", "0.0125"), data.job("b", "0.000000007"), data.job("c", "0"));
    List<Long> adaHosts = List.of(host(ada), host(ada));
    long graceHost = host(grace);
    SplittableRandom random = new SplittableRandom(7);
    List<Granted> granted = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean forAda = random.nextInt(5) != 0;
      long job = jobs.get(random.nextInt(jobs.size()));
      long host = forAda ? adaHosts.get(random.nextInt(2)) : graceHost;
      long flops = random.nextLong(1, 50_000_000_000L);
      // around midnights now and then, else anywhere in ten days
      Instant at =
          random.nextInt(4) == 0
              ? T0.plusMillis(random.nextInt(1, 10) * DAY + random.nextLong(-3, 3))
              : T0.plusMillis(random.nextLong(10 * DAY));
      CreditGranter.Grant grant = data.grant(job, data.workUnit(job, flops), host, flops, at);
      data.pay(grant);
      if (forAda) {
        granted.add(new Granted(grant, rate(job, jobs)));
      }
    }
    clock.set(T0.plusMillis(11 * DAY));

    List<Instant[]> periods = new ArrayList<>();
    periods.add(new Instant[] {T0, T0.plusMillis(10 * DAY)});
    periods.add(new Instant[] {T0.plusMillis(2 * DAY), T0.plusMillis(3 * DAY)});
    periods.add(new Instant[] {T0.plusMillis(2 * DAY), T0.plusMillis(2 * DAY)});
    periods.add(new Instant[] {T0.plusMillis(3 * DAY - 1), T0.plusMillis(3 * DAY + 1)});
    for (int i = 0; i < 60; i++) {
      Instant a = T0.plusMillis(random.nextLong(-DAY, 11 * DAY));
      Instant b =
          a.plusMillis(random.nextInt(3) == 0 ? random.nextLong(DAY) : random.nextLong(6 * DAY));
      periods.add(new Instant[] {a, b});
    }
    for (Instant[] period : periods) {
      EarningsStatement statement = accounts.statement(ada, period[0], period[1]);
      assertAgreesWithTheLedger(statement, granted, period[0], period[1]);
    }
  }

  @Test
  void entriesAreTheNewestThousandWhileTheTotalsCountEveryGrant() {
    AccountRow ada = open("ada");
    long job = data.job("a", "0.5");
    long host = host(ada);
    long unit = data.workUnit(job, 432_000_000_000L);
    int n = EarningsStatement.MAX_ENTRIES + 5;
    database
        .jdbi()
        .useTransaction(
            h -> {
              for (int i = 0; i < n; i++) {
                new CreditGranter()
                    .grant(h, data.grant(job, unit, host, 432_000_000_000L, T0.plusSeconds(i)));
              }
            });

    EarningsStatement statement = accounts.statement(ada, T0, T0.plusMillis(DAY));

    assertThat(statement.entries()).hasSize(EarningsStatement.MAX_ENTRIES);
    assertThat(statement.entries().get(0).time()).isEqualTo(T0.plusSeconds(n - 1));
    assertThat(statement.entries())
        .isSortedAccordingTo(Comparator.comparing(EarningsStatement.Entry::time).reversed());
    assertThat(statement.totalCredit()).isCloseTo(n, within(1e-9));
    assertThat(statement.totalEarnings()).isEqualByComparingTo(new BigDecimal("502.5"));
  }

  @Test
  void withoutAPeriodTheStatementRunsFromTheDayTheAccountOpenedUntilNow() {
    clock.set(T0.plusMillis(DAY / 2));
    AccountRow ada = open("ada");
    long job = data.job("a", "1");
    long host = host(ada);
    data.pay(data.grant(job, data.workUnit(job, 1), host, 432_000_000_000L, T0.plusMillis(DAY)));
    clock.set(T0.plusMillis(3 * DAY + 5));

    EarningsStatement statement = accounts.statement(ada, null, null);

    assertThat(statement.from()).isEqualTo(T0);
    assertThat(statement.to()).isEqualTo(T0.plusMillis(3 * DAY + 5));
    assertThat(statement.totalCredit()).isEqualTo(1.0);
    assertThat(statement.days())
        .containsExactly(
            new EarningsStatement.Day(LocalDate.parse("2026-11-21"), 1.0, BigDecimal.ONE));
    assertThat(statement.jobs())
        .containsExactly(new EarningsStatement.Job(job, "a", 1.0, BigDecimal.ONE));
    assertThat(statement.currency()).isEqualTo("EUR");
  }

  @Test
  void theStatementListsTheAccountsHostsWithTheirCreditSoFar() {
    AccountRow ada = open("ada");
    AccountRow grace = open("grace");
    long job = data.job("a", "0");
    long pc = host(ada);
    long laptop = host(ada);
    long other = host(grace);
    long flops = 86_400_000_000_000L;
    data.pay(data.grant(job, data.workUnit(job, flops), pc, flops, T0));
    data.pay(data.grant(job, data.workUnit(job, flops), other, flops, T0));
    clock.set(T0.plusMillis(14 * DAY));

    EarningsStatement statement =
        accounts.statement(ada, T0.plusMillis(13 * DAY), T0.plusMillis(14 * DAY));

    assertThat(statement.hosts())
        .extracting(EarningsStatement.Host::hostId)
        .containsExactly(pc, laptop);
    assertThat(statement.hosts().get(0).totalCredit()).isEqualTo(200.0);
    assertThat(statement.hosts().get(0).recentAverageCredit())
        .isCloseTo(RecentAverage.add(0, 0, 200, T0.toEpochMilli()) / 4, within(1e-9));
    assertThat(statement.hosts().get(1).totalCredit()).isZero();
    assertThat(statement.totalCredit()).isZero();
    assertThat(statement.entries()).isEmpty();
  }

  @Test
  void aPeriodThatEndsBeforeItStartsIsABadRequest() {
    AccountRow ada = open("ada");

    assertThatThrownBy(() -> accounts.statement(ada, T0.plusSeconds(1), T0))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("must not end before it starts");
    assertThatThrownBy(() -> accounts.statement(ada, T0.plusMillis(DAY), null))
        .hasMessageContaining("now");
  }

  private void assertAgreesWithTheLedger(
      EarningsStatement statement, List<Granted> granted, Instant from, Instant to) {
    String period = from + " .. " + to;
    double credit = 0;
    BigDecimal earnings = BigDecimal.ZERO;
    Map<LocalDate, double[]> dayCredit = new TreeMap<>();
    Map<LocalDate, BigDecimal> dayEarnings = new TreeMap<>();
    Map<Long, BigDecimal> jobEarnings = new TreeMap<>();
    List<Granted> inPeriod = new ArrayList<>();
    for (Granted g : granted) {
      Instant at = g.grant.at();
      if (at.isBefore(from) || !at.isBefore(to)) {
        continue;
      }
      inPeriod.add(g);
      double c = Cobblestones.of(g.grant.flops());
      BigDecimal e = CreditGranter.earnings(g.rate, c);
      credit += c;
      earnings = earnings.add(e);
      LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
      dayCredit.computeIfAbsent(day, d -> new double[1])[0] += c;
      dayEarnings.merge(day, e, BigDecimal::add);
      jobEarnings.merge(g.grant.jobId(), e, BigDecimal::add);
    }
    assertThat(statement.from()).isEqualTo(from);
    assertThat(statement.to()).isEqualTo(to);
    assertThat(statement.totalCredit()).as(period).isCloseTo(credit, within(1e-9));
    assertThat(statement.totalEarnings()).as(period).isEqualByComparingTo(earnings);
    assertThat(statement.days())
        .extracting(EarningsStatement.Day::date)
        .as(period)
        .containsExactlyElementsOf(dayCredit.keySet());
    for (EarningsStatement.Day day : statement.days()) {
      assertThat(day.credit())
          .as(period + " " + day.date())
          .isCloseTo(dayCredit.get(day.date())[0], within(1e-9));
      assertThat(day.earnings())
          .as(period + " " + day.date())
          .isEqualByComparingTo(dayEarnings.get(day.date()));
    }
    assertThat(statement.jobs())
        .extracting(EarningsStatement.Job::jobId)
        .as(period)
        .containsExactlyElementsOf(jobEarnings.keySet());
    for (EarningsStatement.Job job : statement.jobs()) {
      assertThat(job.earnings())
          .as(period + " job " + job.jobId())
          .isEqualByComparingTo(jobEarnings.get(job.jobId()));
    }
    inPeriod.sort(
        Comparator.comparing((Granted g) -> g.grant.at())
            .thenComparing(g -> g.grant.replicaId())
            .reversed());
    assertThat(statement.entries())
        .extracting(EarningsStatement.Entry::time)
        .as(period)
        .containsExactlyElementsOf(inPeriod.stream().map(g -> g.grant.at()).toList());
    assertThat(statement.entries())
        .extracting(EarningsStatement.Entry::workUnitId)
        .as(period)
        .containsExactlyElementsOf(inPeriod.stream().map(g -> g.grant.workUnitId()).toList());
  }

  private record Granted(CreditGranter.Grant grant, BigDecimal rate) {}

  private static BigDecimal rate(long job, List<Long> jobs) {
    return new BigDecimal(List.of("0.0125", "0.000000007", "0").get(jobs.indexOf(job)));
  }

  private AccountRow open(String name) {
    AccountCreated created = accounts.create(new AccountRequest(name));
    return accounts.authenticate(created.accountKey()).orElseThrow();
  }

  private long host(AccountRow account) {
    long host = data.host("host-of-" + account.name());
    data.attach(host, account.id());
    return host;
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
