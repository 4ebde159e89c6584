package io.axon.coordinator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the {@link TestServer}s of a test class on a throw-away PostgreSQL cluster instead of H2, so
 * that an end-to-end test written for H2 runs on PostgreSQL too by subclassing it:
 *
 * <pre>{@code
 * class LifecycleOnPostgresTest extends LifecycleTest {
 *   @RegisterExtension static final OnPostgres postgres = new OnPostgres();
 * }
 * }</pre>
 */
final class OnPostgres implements BeforeAllCallback, AfterAllCallback {
  private final PostgresServer server = new PostgresServer();

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
    TestServer.usePostgres(server);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestServer.usePostgres(null);
    server.close();
  }
}
