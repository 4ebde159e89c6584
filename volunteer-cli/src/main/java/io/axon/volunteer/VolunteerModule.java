package io.axon.volunteer;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import javax.inject.Singleton;

/** Wires the engine to the console. */
@Module
abstract class VolunteerModule {
  private VolunteerModule() {}

  @Binds
  abstract EngineListener listener(ConsoleProgress progress);

  @Provides
  @Singleton
  static VolunteerEngine engine(EngineConfig config, EngineListener listener) {
    return VolunteerEngine.create(config, listener);
  }
}
