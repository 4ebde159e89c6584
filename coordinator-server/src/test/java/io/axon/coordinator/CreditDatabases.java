package io.axon.coordinator;

import io.axon.coordinator.db.Database;
import java.nio.file.Path;

/** A migrated database for the credit tests: H2 in a directory, or a PostgreSQL database. */
public final class CreditDatabases {
  private CreditDatabases() {}

  /** H2 in {@code dir}, as the coordinator configures it by default. */
  public static Database open(Path dir) {
    Database database = new Database(CoordinatorConfig.builder(dir).build());
    database.migrate();
    return database;
  }

  /** The database at {@code jdbcUrl} (e.g. a {@link PostgresServer}'s, user in the URL). */
  public static Database open(Path dir, String jdbcUrl) {
    Database database =
        new Database(CoordinatorConfig.builder(dir).database(jdbcUrl, null, null).build());
    database.migrate();
    return database;
  }
}
