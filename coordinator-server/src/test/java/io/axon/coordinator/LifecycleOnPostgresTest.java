package io.axon.coordinator;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link LifecycleTest} on a real PostgreSQL 15 instead of H2. */
class LifecycleOnPostgresTest extends LifecycleTest {
  @RegisterExtension static final OnPostgres postgres = new OnPostgres();
}
