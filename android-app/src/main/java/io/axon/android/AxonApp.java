package io.axon.android;

import android.app.Application;
import android.content.Context;

/** The application: builds the one Dagger component and hands out the facade. */
public final class AxonApp extends Application {
  private AppComponent component;

  @Override
  public void onCreate() {
    super.onCreate();
    component = DaggerAppComponent.factory().create(this);
  }

  /** The app's component (services and activities take what they need from it). */
  public AppComponent component() {
    return component;
  }

  /** The facade the screens use. */
  public static VolunteerFacade facade(Context context) {
    return ((AxonApp) context.getApplicationContext()).component.facade();
  }
}
