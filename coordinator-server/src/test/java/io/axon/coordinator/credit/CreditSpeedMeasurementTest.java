package io.axon.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.CreditDatabases;
import io.axon.coordinator.CreditTestData;
import io.axon.coordinator.account.AccountDao;
import io.axon.coordinator.account.AccountRow;
import io.axon.coordinator.account.AccountService;
import io.axon.coordinator.db.Database;
import io.axon.core.protocol.EarningsStatement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of docs/COORDINATOR.md, "Credit and earnings": how long grants and statements take.
 * Opt-in, as timings need a quiet machine:
 *
 * <pre>
 * mvn -B -o -pl coordinator-server -am test -Dtest=CreditSpeedMeasurementTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Daxon.measureCredit=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "axon.measureCredit", matches = "true")
class CreditSpeedMeasurementTest {
  private static final long GFLOPS = 1_000_000_000L;

  @TempDir Path dir;

  @Test
  void measureGrantsAndStatements() throws Exception {
    try (Database db = CreditDatabases.open(dir)) {
      CreditTestData data = new CreditTestData(db.jdbi());
      CreditGranter granter = new CreditGranter();
      long job = data.job("measured", "0.01");
      long unit = data.workUnit(job, GFLOPS);
      List<Long> hosts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        long host = data.host("h" + i);
        data.attach(host, data.account("a" + i));
        hosts.add(host);
      }

      // warm-up: let the JIT compile the grant's path before timing it
      db.jdbi()
          .useTransaction(
              h -> {
                for (int i = 0; i < 2000; i++) {
                  granter.grant(h, data.grant(job, unit, hosts.get(i % 50), GFLOPS, Instant.now()));
                }
              });
      int n = 3000;
      long t0 = System.nanoTime();
      db.jdbi()
          .useTransaction(
              h -> {
                for (int i = 0; i < n; i++) {
                  granter.grant(h, data.grant(job, unit, hosts.get(i % 50), GFLOPS, Instant.now()));
                }
              });
      System.out.printf(
          "one grant, statements only: %.3f ms%n", (System.nanoTime() - t0) / 1e6 / n);

      int single = 1000;
      t0 = System.nanoTime();
      for (int i = 0; i < single; i++) {
        data.pay(data.grant(job, unit, hosts.get(i % 50), GFLOPS, Instant.now()));
      }
      System.out.printf(
          "1 thread, a transaction per grant: %.0f/s%n", single / ((System.nanoTime() - t0) / 1e9));

      for (boolean oneHost : new boolean[] {true, false}) {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        int perThread = 500;
        t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int offset = t * 7;
          workers.add(
              threads.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      long host = hosts.get(oneHost ? 0 : (offset + i) % 50);
                      data.pay(data.grant(job, unit, host, GFLOPS, Instant.now()));
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
        System.out.printf(
            "8 threads, a transaction per grant, %s: %.0f/s%n",
            oneHost ? "one host" : "50 hosts", 8 * perThread / ((System.nanoTime() - t0) / 1e9));
        threads.shutdown();
      }

      // a busy account: 100,000 grants over 100 days
      Instant start = Instant.parse("2026-08-01T00:00:00Z");
      long busy = hosts.get(0);
      db.jdbi()
          .useTransaction(
              h -> {
                for (int i = 0; i < 100_000; i++) {
                  granter.grant(h, data.grant(job, unit, busy, GFLOPS, start.plusSeconds(i * 86L)));
                }
              });
      AccountService accounts =
          new AccountService(
              db,
              Clock.fixed(Instant.parse("2026-11-10T00:00:00Z"), ZoneOffset.UTC),
              CoordinatorConfig.builder(dir).build());
      long accountId = data.query("SELECT account_id FROM hosts WHERE id = ?", Long.class, busy);
      AccountRow account = db.jdbi().onDemand(AccountDao.class).find(accountId).orElseThrow();
      for (int round = 0; round < 3; round++) {
        int calls = 50;
        EarningsStatement statement = null;
        t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          statement =
              accounts.statement(
                  account, start.plusSeconds(5 * 3600), Instant.parse("2026-11-09T13:00:00Z"));
        }
        System.out.printf(
            "statement of 100 days, 100,000 grants: %.1f ms%n",
            (System.nanoTime() - t0) / 1e6 / calls);
        assertThat(statement.entries()).hasSize(EarningsStatement.MAX_ENTRIES);
        t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          accounts.authenticate("not-a-key");
          accounts.summary(account);
        }
        System.out.printf(
            "key lookup and summary: %.3f ms%n", (System.nanoTime() - t0) / 1e6 / calls);
      }
    }
  }
}
