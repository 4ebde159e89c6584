package io.axon.coordinator;

import io.axon.coordinator.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A migrated database for the credit tests: H2 in {@code dir}, or a fresh schema on the PostgreSQL
 * server that {@code -Daxon.test.postgresUrl=jdbc:postgresql://host:port/db} names (user {@code
 * -Daxon.test.postgresUser}, default postgres), so the same tests check both.
 */
public final class CreditDatabases {
  private CreditDatabases() {}

  public static Database open(Path dir) {
    CoordinatorConfig.Builder config = CoordinatorConfig.builder(dir);
    String postgres = System.getProperty("axon.test.postgresUrl");
    if (postgres != null && !postgres.isBlank()) {
      String user = System.getProperty("axon.test.postgresUser", "postgres");
      String password = System.getProperty("axon.test.postgresPassword", "");
      String schema = "credit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = DriverManager.getConnection(postgres, user, password)) {
        c.createStatement().execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot reach PostgreSQL at " + postgres, e);
      }
      config.database(
          postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema,
          user,
          password);
    }
    Database database = new Database(config.build());
    database.migrate();
    return database;
  }
}
