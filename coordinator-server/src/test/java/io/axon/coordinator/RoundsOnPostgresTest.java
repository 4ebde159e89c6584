package io.axon.coordinator;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link RoundsTest} on a real PostgreSQL 15 instead of H2. */
class RoundsOnPostgresTest extends RoundsTest {
  @RegisterExtension static final OnPostgres postgres = new OnPostgres();
}
