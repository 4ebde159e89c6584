package io.axon.coordinator.workunit;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs a transaction again when the database rolled it back to break a deadlock or a serialization
 * conflict (SQLSTATE 40001, PostgreSQL's 40P01): with several threads and coordinators validating
 * at once that is an ordinary event, not an error to show a volunteer.
 */
final class Transactions {
  private static final int ATTEMPTS = 5;

  private Transactions() {}

  static <T> T retrying(Jdbi jdbi, HandleCallback<T, RuntimeException> callback) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(callback);
      } catch (JdbiException e) {
        if (attempt >= ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
