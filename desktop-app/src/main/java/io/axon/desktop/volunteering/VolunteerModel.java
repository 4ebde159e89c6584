package io.axon.desktop.volunteering;

import io.axon.core.prefs.Preferences;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The latest {@link VolunteerSnapshot}, as an FX property the views observe. Changed only on the FX
 * thread, by the {@link StatusPoller}.
 */
@Singleton
public final class VolunteerModel {
  private final ObjectProperty<VolunteerSnapshot> snapshot =
      new SimpleObjectProperty<>(VolunteerSnapshot.empty(Preferences.defaults()));

  @Inject
  public VolunteerModel() {}

  public ReadOnlyObjectProperty<VolunteerSnapshot> snapshotProperty() {
    return snapshot;
  }

  public VolunteerSnapshot snapshot() {
    return snapshot.get();
  }

  /** FX thread only. */
  public void update(VolunteerSnapshot next) {
    snapshot.set(next);
  }
}
