package db.migration;

import io.axon.coordinator.credit.AppendOnlyTrigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the credit ledger append-only in the database itself: an UPDATE, DELETE (or, on PostgreSQL,
 * TRUNCATE) of {@code credit_ledger} fails, whoever sends it. Triggers are not portable SQL (H2
 * runs a Java class, PostgreSQL a PL/pgSQL function), hence a Java migration.
 */
public class V21__Credit_ledger_append_only extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement sql = connection.createStatement()) {
      if (product.equals("H2")) {
        sql.execute(
            "CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE, DELETE ON credit_ledger"
                + " FOR EACH ROW CALL '"
                + AppendOnlyTrigger.class.getName()
                + "'");
      } else if (product.equals("PostgreSQL")) {
        sql.execute(
            "CREATE FUNCTION credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION '"
                + AppendOnlyTrigger.MESSAGE
                + " (%)', TG_OP USING ERRCODE = 'restrict_violation'; END $$");
        sql.execute(
            "CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON credit_ledger"
                + " FOR EACH ROW EXECUTE FUNCTION credit_ledger_append_only()");
        sql.execute(
            "CREATE TRIGGER credit_ledger_no_truncate BEFORE TRUNCATE ON credit_ledger"
                + " FOR EACH STATEMENT EXECUTE FUNCTION credit_ledger_append_only()");
      } else {
        throw new SQLException(
            "the coordinator runs on H2 or PostgreSQL, not on " + product, "0A000");
      }
    }
  }
}
