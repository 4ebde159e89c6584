package io.axon.coordinator.credit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of the ledger's append-only guard (migration V21): refuses every UPDATE and DELETE of a
 * {@code credit_ledger} row. PostgreSQL runs a PL/pgSQL function instead.
 */
public final class AppendOnlyTrigger implements Trigger {
  /** What a refused change says, on H2 and PostgreSQL alike. */
  public static final String MESSAGE =
      "credit_ledger is append-only: a granted credit is never updated or deleted";

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    // SQLSTATE 23001: integrity constraint violation (restrict), as PostgreSQL reports it
    throw new SQLException(MESSAGE + " (" + (newRow == null ? "DELETE" : "UPDATE") + ")", "23001");
  }
}
