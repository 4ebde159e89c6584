package io.axon.coordinator;

import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tests of transactions that wait for one another ask the database where the waiting one is, rather
 * than sleeping and hoping it got there: H2's INFORMATION_SCHEMA.SESSIONS, PostgreSQL's
 * pg_stat_activity.
 */
public final class LockWaits {
  private LockWaits() {}

  /**
   * Waits until another session of {@code jdbi}'s database is in a statement that begins with
   * {@code statement}, which the test knows cannot finish while its own transaction goes on.
   * PostgreSQL must also say that it waits for a lock. (H2 waits for an uncommitted row of a unique
   * index inside the statement, spinning, with no blocker in its session table.)
   */
  public static void awaitStatementWaiting(Jdbi jdbi, String statement) {
    await()
        .alias("another transaction waits in " + statement)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !starts(jdbi, statement).isEmpty());
  }

  /**
   * When each other session now in a statement that begins with {@code statement} started it, as
   * the database tells it. On H2, a statement that gave up at the lock timeout and was run again
   * shows a later start.
   */
  public static List<String> starts(Jdbi jdbi, String statement) {
    return jdbi.withHandle(
        h -> {
          String sql =
              isH2(h)
                  ? "SELECT CAST(EXECUTING_STATEMENT_START AS VARCHAR)"
                      + " FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                      + " AND EXECUTING_STATEMENT LIKE :prefix"
                  : "SELECT CAST(query_start AS VARCHAR) FROM pg_stat_activity"
                      + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                      + " AND wait_event_type = 'Lock' AND query LIKE :prefix";
          return h.createQuery(sql).bind("prefix", statement + "%").mapTo(String.class).list();
        });
  }

  private static boolean isH2(Handle h) {
    try {
      return h.getConnection().getMetaData().getDatabaseProductName().equals("H2");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
