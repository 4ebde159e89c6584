package io.axon.android;

import android.content.Context;
import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The app's one Dagger component, made in {@link AxonApp#onCreate()}. */
@Singleton
@Component(modules = AppModule.class)
public interface AppComponent {
  VolunteerFacade facade();

  /** Builds the component with the application context bound in. */
  @Component.Factory
  interface Factory {
    AppComponent create(@BindsInstance Context context);
  }
}
