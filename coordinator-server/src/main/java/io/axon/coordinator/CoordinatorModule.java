package io.axon.coordinator;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;

/** Bindings that are not plain {@code @Inject} constructors. */
@Module
interface CoordinatorModule {
  @Provides
  static Clock clock() {
    return Clock.systemUTC();
  }
}
