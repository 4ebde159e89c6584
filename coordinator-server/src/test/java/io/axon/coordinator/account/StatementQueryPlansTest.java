package io.axon.coordinator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.axon.coordinator.CreditDatabases;
import io.axon.coordinator.CreditTestData;
import io.axon.coordinator.db.Database;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query an account request runs reads an index, never a whole table: H2's plan names the
 * index it uses and says {@code tableScan} otherwise. (PostgreSQL's plans depend on its statistics;
 * this test runs on H2 only. Checked by hand on PostgreSQL 15 with 400,000 ledger rows.)
 */
class StatementQueryPlansTest {
  @TempDir static Path dir;
  static Database database;

  @BeforeAll
  static void open() {
    database = CreditDatabases.open(dir);
    // H2 picks any index for an empty table: fill the tables so that a scan would cost
    CreditTestData data = new CreditTestData(database.jdbi());
    long job = data.job("plans", "0.01");
    long unit = data.workUnit(job, 1);
    data.bulkReplicas(unit, 50_000);
    database
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO accounts (name, key_sha256, created_at) SELECT 'a' || v,"
                      + " LPAD(CAST(v AS VARCHAR), 64, '0'), TIMESTAMP '2026-01-01 00:00:00'"
                      + " FROM SYSTEM_RANGE(1, 500) r(v)");
              h.execute(
                  "INSERT INTO hosts (name, platform, cores, memory_bytes, client_version,"
                      + " token_sha256, state, threads, created_at, last_seen, account_id)"
                      + " SELECT 'h' || v, 'p', 1, 1, 'v', LPAD(CAST(v AS VARCHAR), 64, 'f'), 'IDLE',"
                      + " 0, NOW(), NOW(), MOD(v, 500) + 1 FROM SYSTEM_RANGE(1, 2000) r(v)");
              h.execute(
                  "INSERT INTO credit_ledger (replica_id, work_unit_id, job_id, host_id,"
                      + " account_id, flops, credit, payout_per_credit, earnings, granted_at)"
                      + " SELECT v, ?, ?, MOD(v, 2000) + 1, MOD(v, 500) + 1, 1, 1, 0, 0,"
                      + " DATEADD('SECOND', v * 10, TIMESTAMP '2026-11-01 00:00:00')"
                      + " FROM SYSTEM_RANGE(1, 50000) r(v)",
                  unit,
                  job);
              h.execute(
                  "INSERT INTO credit_daily (account_id, grant_day, job_id, credit, earnings,"
                      + " replicas) SELECT a.id, DATEADD('DAY', d.v, DATE '2026-01-01'), ?, 1, 0, 1"
                      + " FROM accounts a, SYSTEM_RANGE(0, 60) d(v)",
                  job);
              h.execute("ANALYZE");
            });
  }

  @AfterAll
  static void close() {
    database.close();
  }

  static Stream<Method> queries() {
    return Stream.concat(
            Stream.of(StatementDao.class.getMethods()), Stream.of(AccountDao.class.getMethods()))
        .filter(m -> m.isAnnotationPresent(SqlQuery.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void readsAnIndexNotATable(Method query) {
    String plan =
        database
            .jdbi()
            .withHandle(
                h -> {
                  assumeTrue(isH2(h), "query plans are checked on H2");
                  Query explain =
                      h.createQuery("EXPLAIN " + query.getAnnotation(SqlQuery.class).value());
                  return bindAll(explain).mapTo(String.class).one();
                });

    // joined tables too: jobs is read by its primary key
    assertThat(plan).doesNotContainIgnoringCase("tableScan");
    // an index named without a condition is read whole (e.g. the primary key, for ORDER BY id)
    assertThat(plan).doesNotContainPattern("/\\* public\\.\\w+ \\*/");
    if (query.getName().equals("newest")) {
      // in the index's order: it stops after the newest :limit rows
      assertThat(plan).contains("/* index sorted */");
    }
  }

  private static boolean isH2(Handle handle) {
    try {
      return handle.getConnection().getMetaData().getDatabaseProductName().equals("H2");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Query bindAll(Query query) {
    return query
        .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
        .bind("account", 1L)
        .bind("id", 1L)
        .bind("keySha256", "0".repeat(64))
        .bind("fromDay", LocalDate.parse("2026-11-01"))
        .bind("toDay", LocalDate.parse("2026-11-25"))
        .bind("from", Instant.parse("2026-11-01T10:00:00Z"))
        .bind("to", Instant.parse("2026-11-02T00:00:00Z"))
        .bind("limit", 1000);
  }
}
