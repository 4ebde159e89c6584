package io.axon.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.axon.coordinator.CreditDatabases;
import io.axon.coordinator.CreditTestData;
import io.axon.coordinator.LockWaits;
import io.axon.coordinator.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreditGranterTest {
  /** 1 GFLOPS for a day: 200 credits. */
  private static final long GFLOPS_DAY = 86_400_000_000_000L;

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path dir;
  private Database database;
  private Jdbi jdbi;
  private CreditTestData data;
  private final CreditGranter granter = new CreditGranter();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private long job;
  private long unit;
  private long host;
  private long account;

  @BeforeEach
  void open() {
    database = openDatabase(dir);
    jdbi = database.jdbi();
    data = new CreditTestData(jdbi);
    job = data.job("mnist-mlp", "0.0125");
    unit = data.workUnit(job, GFLOPS_DAY);
    host = data.host("lab-pc-07");
    account = data.account("ada");
    data.attach(host, account);
  }

  /** H2 here; {@code CreditGranterOnPostgresTest} runs the same tests on PostgreSQL. */
  Database openDatabase(Path dir) {
    return CreditDatabases.open(dir);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    database.close();
  }

  @Test
  void paysTheCobblestonesOfTheUnitsFlopsIntoLedgerTotalsAndDays() {
    CreditGranter.Grant grant = data.grant(job, unit, host, GFLOPS_DAY, NOW);

    assertThat(data.pay(grant)).isTrue();

    assertThat(count("credit_ledger")).isEqualTo(1);
    assertThat(ledger("credit", grant.replicaId(), Double.class)).isEqualTo(200.0);
    assertThat(ledger("earnings", grant.replicaId(), BigDecimal.class)).isEqualByComparingTo("2.5");
    assertThat(ledger("account_id", grant.replicaId(), Long.class)).isEqualTo(account);
    assertThat(ledger("flops", grant.replicaId(), Long.class)).isEqualTo(GFLOPS_DAY);
    assertThat(total("hosts", host)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isEqualTo(200.0);
    assertThat(
            data.query(
                "SELECT total_earnings FROM accounts WHERE id = ?", BigDecimal.class, account))
        .isEqualByComparingTo("2.5");
    assertThat(
            data.query(
                "SELECT replicas FROM credit_daily WHERE account_id = ? AND grant_day = ?",
                Long.class,
                account,
                java.time.LocalDate.parse("2026-11-25")))
        .isEqualTo(1);
    double firstAverage = RecentAverage.add(0, 0, 200.0, NOW.toEpochMilli());
    assertThat(average("hosts", host)).isEqualTo(firstAverage);
    assertThat(average("accounts", account)).isEqualTo(firstAverage);
  }

  @Test
  void grantingTheSameReplicaAgainPaysNothing() {
    CreditGranter.Grant grant = data.grant(job, unit, host, GFLOPS_DAY, NOW);
    data.pay(grant);

    assertThat(data.pay(grant)).isFalse();
    assertThat(data.pay(withTime(grant, NOW.plusSeconds(60)))).isFalse();

    assertThat(count("credit_ledger")).isEqualTo(1);
    assertThat(total("hosts", host)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isEqualTo(200.0);
    assertThat(data.query("SELECT SUM(replicas) FROM credit_daily", Long.class)).isEqualTo(1);
  }

  @Test
  void aSecondGrantOfTheSameReplicaMeanwhileWaitsForTheFirstAndThenPaysNothing() throws Exception {
    CreditGranter.Grant grant = data.grant(job, unit, host, GFLOPS_DAY, NOW);
    try (Handle first = jdbi.open();
        Handle second = jdbi.open()) {
      first.begin();
      assertThat(granter.grant(first, grant)).isTrue();

      Future<Boolean> other = threads.submit(inTransaction(second, grant));
      LockWaits.awaitStatementWaiting(jdbi, "INSERT INTO credit_ledger");
      assertThat(other).as("the second grant waits on the first's ledger row").isNotDone();
      first.commit();

      assertThat(other.get(10, TimeUnit.SECONDS)).isFalse();
    }
    assertThat(count("credit_ledger")).isEqualTo(1);
    assertThat(total("hosts", host)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isEqualTo(200.0);
  }

  @Test
  void aSecondGrantWaitingOnOneThatRollsBackPaysInstead() throws Exception {
    CreditGranter.Grant grant = data.grant(job, unit, host, GFLOPS_DAY, NOW);
    try (Handle first = jdbi.open();
        Handle second = jdbi.open()) {
      first.begin();
      assertThat(granter.grant(first, grant)).isTrue();

      Future<Boolean> other = threads.submit(inTransaction(second, grant));
      LockWaits.awaitStatementWaiting(jdbi, "INSERT INTO credit_ledger");
      assertThat(other).as("the second grant waits on the first's ledger row").isNotDone();
      first.rollback();

      assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(count("credit_ledger")).isEqualTo(1);
    assertThat(total("hosts", host)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isEqualTo(200.0);
  }

  @Test
  void replicasGrantedOverAndOverFromFourThreadsArePaidExactlyOnce() throws Exception {
    List<CreditGranter.Grant> grants = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      grants.add(data.grant(job, unit, host, GFLOPS_DAY / 100, NOW));
    }
    AtomicInteger paid = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<CreditGranter.Grant> mine = new ArrayList<>(grants);
      Collections.shuffle(mine, new java.util.Random(t));
      workers.add(
          threads.submit(
              () -> {
                start.await();
                for (CreditGranter.Grant grant : mine) {
                  if (jdbi.inTransaction(h -> granter.grant(h, grant))) {
                    paid.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }

    assertThat(paid).hasValue(40);
    assertThat(count("credit_ledger")).isEqualTo(40);
    assertThat(total("hosts", host)).isCloseTo(80.0, within(1e-9));
    assertThat(total("accounts", account)).isCloseTo(80.0, within(1e-9));
    assertThat(data.query("SELECT SUM(replicas) FROM credit_daily", Long.class)).isEqualTo(40);
  }

  @Test
  void concurrentGrantsToOneHostAndAccountLoseNoCreditAndNoAverage() throws Exception {
    int threadCount = 4;
    int perThread = 15;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      workers.add(
          threads.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  data.pay(data.grant(job, unit, host, GFLOPS_DAY / 100, NOW));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }

    int n = threadCount * perThread;
    double expectedAverage = 0;
    long millis = 0;
    for (int i = 0; i < n; i++) {
      expectedAverage = RecentAverage.add(expectedAverage, millis, 2.0, NOW.toEpochMilli());
      millis = NOW.toEpochMilli();
    }
    assertThat(total("hosts", host)).isCloseTo(2.0 * n, within(1e-9));
    assertThat(total("accounts", account)).isCloseTo(2.0 * n, within(1e-9));
    assertThat(average("hosts", host)).isCloseTo(expectedAverage, within(1e-9));
    assertThat(average("accounts", account)).isCloseTo(expectedAverage, within(1e-9));
    assertThat(
            data.query(
                "SELECT total_earnings FROM accounts WHERE id = ?", BigDecimal.class, account))
        .isEqualByComparingTo(new BigDecimal("0.025").multiply(BigDecimal.valueOf(n)));
  }

  @Test
  void earningsAreTheCreditTimesTheJobsPayoutRateRoundedToNinePlaces() {
    long cheap = data.job("cheap", "0.000000003");
    long free = data.job("free", "0");
    // 1e9 flops: 200 / 86,400 credits = 0.0023148148...
    CreditGranter.Grant a = data.grant(job, unit, host, 1_000_000_000L, NOW);
    CreditGranter.Grant b = data.grant(cheap, data.workUnit(cheap, 1), host, 1_000_000_000L, NOW);
    CreditGranter.Grant c = data.grant(free, data.workUnit(free, 1), host, GFLOPS_DAY, NOW);

    data.pay(a);
    data.pay(b);
    data.pay(c);

    // 0.0125 * 0.00231481481... = 0.0000289351851... -> 0.000028935
    assertThat(ledger("earnings", a.replicaId(), BigDecimal.class))
        .isEqualByComparingTo("0.000028935");
    // 0.000000003 * 0.0023148... = 6.9e-12 -> 0 at nine places
    assertThat(ledger("earnings", b.replicaId(), BigDecimal.class)).isEqualByComparingTo("0");
    assertThat(ledger("earnings", c.replicaId(), BigDecimal.class)).isEqualByComparingTo("0");
    assertThat(ledger("payout_per_credit", a.replicaId(), BigDecimal.class))
        .isEqualByComparingTo("0.0125");
    assertThat(
            data.query(
                "SELECT total_earnings FROM accounts WHERE id = ?", BigDecimal.class, account))
        .isEqualByComparingTo("0.000028935");
    assertThat(total("accounts", account)).isCloseTo(200.0 + 2 * 200.0 / 86_400, within(1e-12));
  }

  @Test
  void anAnonymousHostEarnsCreditForItselfOnly() {
    long anonymous = data.host("kiosk");
    CreditGranter.Grant grant = data.grant(job, unit, anonymous, GFLOPS_DAY, NOW);

    assertThat(data.pay(grant)).isTrue();

    assertThat(ledger("account_id", grant.replicaId(), Long.class)).isNull();
    assertThat(total("hosts", anonymous)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isZero();
    assertThat(count("credit_daily")).isZero();
  }

  @Test
  void creditStaysWithTheAccountTheHostHadWhenItWasGranted() {
    data.pay(data.grant(job, unit, host, GFLOPS_DAY, NOW));
    long other = data.account("grace");
    jdbi.useHandle(h -> h.execute("UPDATE hosts SET account_id = ? WHERE id = ?", other, host));

    data.pay(data.grant(job, unit, host, GFLOPS_DAY, NOW.plusSeconds(3600)));

    assertThat(total("accounts", account)).isEqualTo(200.0);
    assertThat(total("accounts", other)).isEqualTo(200.0);
    assertThat(total("hosts", host)).isEqualTo(400.0);
  }

  @Test
  void grantAllPaysEachNewReplicaOnceAndSkipsThosePaidBefore() {
    long second = data.host("laptop");
    data.attach(second, account);
    CreditGranter.Grant paidBefore = data.grant(job, unit, host, GFLOPS_DAY, NOW);
    data.pay(paidBefore);
    CreditGranter.Grant a = data.grant(job, unit, second, GFLOPS_DAY, NOW.plusSeconds(10));
    CreditGranter.Grant b = data.grant(job, unit, host, GFLOPS_DAY, NOW.plusSeconds(10));

    int paid = jdbi.inTransaction(h -> granter.grantAll(h, List.of(b, paidBefore, a, b)));

    assertThat(paid).isEqualTo(2);
    assertThat(count("credit_ledger")).isEqualTo(3);
    assertThat(total("hosts", host)).isEqualTo(400.0);
    assertThat(total("hosts", second)).isEqualTo(200.0);
    assertThat(total("accounts", account)).isEqualTo(600.0);
  }

  @Test
  void theRecentAverageDecaysBetweenGrantsAsBoincsDoes() {
    long day = 86_400_000L;
    data.pay(data.grant(job, unit, host, GFLOPS_DAY, NOW));
    data.pay(data.grant(job, unit, host, GFLOPS_DAY, NOW.plusMillis(3 * day)));
    data.pay(data.grant(job, unit, host, GFLOPS_DAY / 2, NOW.plusMillis(10 * day)));

    double expected = RecentAverage.add(0, 0, 200, NOW.toEpochMilli());
    expected = RecentAverage.add(expected, NOW.toEpochMilli(), 200, NOW.toEpochMilli() + 3 * day);
    expected =
        RecentAverage.add(
            expected, NOW.toEpochMilli() + 3 * day, 100, NOW.toEpochMilli() + 10 * day);
    assertThat(average("hosts", host)).isCloseTo(expected, within(1e-9));
    assertThat(average("accounts", account)).isCloseTo(expected, within(1e-9));
    assertThat(data.query("SELECT expavg_millis FROM hosts WHERE id = ?", Long.class, host))
        .isEqualTo(NOW.toEpochMilli() + 10 * day);
  }

  @Test
  void theLedgerRefusesUpdatesAndDeletes() {
    CreditGranter.Grant grant = data.grant(job, unit, host, GFLOPS_DAY, NOW);
    data.pay(grant);

    assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("UPDATE credit_ledger SET credit = credit * 2")))
        .hasMessageContaining(AppendOnlyTrigger.MESSAGE);
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM credit_ledger")))
        .hasMessageContaining(AppendOnlyTrigger.MESSAGE);

    assertThat(count("credit_ledger")).isEqualTo(1);
    assertThat(ledger("credit", grant.replicaId(), Double.class)).isEqualTo(200.0);
  }

  @Test
  void aGrantForAnUnknownHostOrJobFailsLoudly() {
    long replica = data.replica(unit, host);
    assertThatThrownBy(() -> data.pay(new CreditGranter.Grant(replica, unit, job, 999_999, 1, NOW)))
        .hasMessageContaining("no host 999999");
    assertThatThrownBy(
            () -> data.pay(new CreditGranter.Grant(replica, unit, 999_999, host, 1, NOW)))
        .hasMessageContaining("no job 999999");
    assertThat(count("credit_ledger")).isZero();
  }

  private Callable<Boolean> inTransaction(Handle handle, CreditGranter.Grant grant) {
    return () -> {
      handle.begin();
      boolean paid = granter.grant(handle, grant);
      handle.commit();
      return paid;
    };
  }

  private static CreditGranter.Grant withTime(CreditGranter.Grant g, Instant at) {
    return new CreditGranter.Grant(
        g.replicaId(), g.workUnitId(), g.jobId(), g.hostId(), g.flops(), at);
  }

  private long count(String table) {
    return data.query("SELECT COUNT(*) FROM " + table, Long.class);
  }

  private <T> T ledger(String column, long replicaId, Class<T> type) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + column + " FROM credit_ledger WHERE replica_id = :r")
                .bind("r", replicaId)
                .mapTo(type)
                .findOne()
                .orElse(null));
  }

  private double total(String table, long id) {
    return data.query("SELECT total_credit FROM " + table + " WHERE id = ?", Double.class, id);
  }

  private double average(String table, long id) {
    return data.query("SELECT expavg_credit FROM " + table + " WHERE id = ?", Double.class, id);
  }
}
