package io.axon.coordinator.account;

import io.axon.coordinator.CreditDatabases;
import io.axon.coordinator.PostgresServer;
import io.axon.coordinator.db.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AccountServiceTest} on a real PostgreSQL 15 server, a fresh database per test. */
class AccountServiceOnPostgresTest extends AccountServiceTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @Override
  Database openDatabase(Path dir) {
    return CreditDatabases.open(dir, postgres.url());
  }
}
