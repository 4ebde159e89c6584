package io.axon.android.engine;

import android.content.Context;
import io.axon.android.Earnings;
import io.axon.android.Project;
import io.axon.android.VolunteerFacade;
import io.axon.android.VolunteerStatus;
import io.axon.android.prefs.PhonePreferences;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The facade behind the screens (skeleton: the engine is wired in next). */
@Singleton
public final class Volunteering implements VolunteerFacade {
  private final Context context;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile PhonePreferences preferences = PhonePreferences.defaults();
  private volatile boolean enabled;

  @Inject
  Volunteering(Context context) {
    this.context = context;
  }

  @Override
  public VolunteerStatus status() {
    return new VolunteerStatus(VolunteerStatus.State.STOPPED, "stopped", null);
  }

  @Override
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public List<Project> projects() {
    return List.of();
  }

  @Override
  public Project attach(String coordinatorUrl, String accountKey) throws IOException {
    throw new IOException("not yet");
  }

  @Override
  public void detach(String coordinatorUrl) {}

  @Override
  public PhonePreferences preferences() {
    return preferences;
  }

  @Override
  public void setPreferences(PhonePreferences preferences) {
    this.preferences = preferences;
  }

  @Override
  public Earnings earnings(String coordinatorUrl) throws IOException {
    throw new IOException("not yet");
  }

  @Override
  public List<String> eventLog() {
    return List.of();
  }

  Context context() {
    return context;
  }
}
