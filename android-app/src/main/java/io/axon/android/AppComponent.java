package io.axon.android;

import android.content.Context;
import dagger.BindsInstance;
import dagger.Component;
import io.axon.android.engine.EngineHost;
import io.axon.android.engine.Volunteering;
import io.axon.android.monitor.AndroidResourceMonitor;
import io.axon.android.prefs.SettingsStore;
import io.axon.android.service.ComputeScheduler;
import jakarta.inject.Singleton;

/** The app's one Dagger component, made in {@link AxonApp#onCreate()}. */
@Singleton
@Component(modules = AppModule.class)
public interface AppComponent {
  VolunteerFacade facade();

  Volunteering volunteering();

  EngineHost engineHost();

  SettingsStore settings();

  ComputeScheduler scheduler();

  AndroidResourceMonitor monitor();

  /** Builds the component with the application context bound in. */
  @Component.Factory
  interface Factory {
    AppComponent create(@BindsInstance Context context);
  }
}
