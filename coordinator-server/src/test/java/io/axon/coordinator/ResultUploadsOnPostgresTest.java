package io.axon.coordinator;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link ResultUploadsTest} on a real PostgreSQL 15 instead of H2. */
class ResultUploadsOnPostgresTest extends ResultUploadsTest {
  @RegisterExtension static final OnPostgres postgres = new OnPostgres();
}
