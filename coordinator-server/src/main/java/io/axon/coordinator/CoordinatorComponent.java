package io.axon.coordinator;

import dagger.BindsInstance;
import dagger.Component;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.web.WebServer;
import io.axon.coordinator.workunit.Transitioner;
import jakarta.inject.Singleton;

/** The coordinator's object graph, one per running {@link Coordinator}. */
@Singleton
@Component(modules = CoordinatorModule.class)
interface CoordinatorComponent {
  Database database();

  Transitioner transitioner();

  WebServer webServer();

  @Component.Factory
  interface Factory {
    CoordinatorComponent create(@BindsInstance CoordinatorConfig config);
  }
}
