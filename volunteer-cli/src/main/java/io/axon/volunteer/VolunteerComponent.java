package io.axon.volunteer;

import dagger.BindsInstance;
import dagger.Component;
import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.VolunteerEngine;
import java.io.PrintStream;
import javax.inject.Singleton;

/** The headless volunteer's object graph, built once per run from the parsed command line. */
@Singleton
@Component(modules = VolunteerModule.class)
interface VolunteerComponent {
  VolunteerEngine engine();

  /** Builds the component around the configuration and the stream progress lines go to. */
  @Component.Factory
  interface Factory {
    VolunteerComponent create(@BindsInstance EngineConfig config, @BindsInstance PrintStream out);
  }
}
