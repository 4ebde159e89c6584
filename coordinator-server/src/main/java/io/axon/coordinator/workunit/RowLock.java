package io.axon.coordinator.workunit;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * The row lock of a read-modify-write that changes no key. On PostgreSQL that is {@code FOR NO KEY
 * UPDATE}: a row that another transaction's new row refers to (a replica or ledger row naming the
 * work unit) carries a KEY SHARE lock, which {@code FOR UPDATE} waits for and, while held, blocks;
 * two coordinators could then wait for each other. H2 takes no locks for foreign keys and knows
 * only {@code FOR UPDATE}.
 */
final class RowLock {
  private RowLock() {}

  static String forUpdate(Handle handle) {
    try {
      String product = handle.getConnection().getMetaData().getDatabaseProductName();
      return "PostgreSQL".equals(product) ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database product", e);
    }
  }
}
