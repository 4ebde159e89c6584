package io.axon.coordinator;

import dagger.BindsInstance;
import dagger.Component;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.ops.HealthController;
import io.axon.coordinator.ops.Metrics;
import io.axon.coordinator.web.WebServer;
import io.axon.coordinator.workunit.Transitioner;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The coordinator's object graph, one per running {@link Coordinator}. */
@Singleton
@Component(modules = CoordinatorModule.class)
interface CoordinatorComponent {
  Database database();

  Transitioner transitioner();

  WebServer webServer();

  Metrics metrics();

  HealthController health();

  @Component.Factory
  interface Factory {
    CoordinatorComponent create(
        @BindsInstance CoordinatorConfig config, @BindsInstance Clock clock);
  }
}
