package io.axon.android;

import dagger.Binds;
import dagger.Module;
import io.axon.android.engine.Volunteering;

/** Binds the app's parts. */
@Module
interface AppModule {
  @Binds
  VolunteerFacade facade(Volunteering volunteering);
}
