package io.axon.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.prefs.PreferencesException;
import io.axon.core.prefs.PreferencesStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredPreferencesTest {
  @TempDir Path dataDir;

  @Test
  void givesTheDefaultsUntilPreferencesAreSavedAndThenTheSavedOnes() throws Exception {
    PreferencesStore store = new PreferencesStore(dataDir);
    StoredPreferences preferences = new StoredPreferences(store);
    assertThat(preferences.get()).isEqualTo(Preferences.defaults());

    store.save(Preferences.defaults().withRunMode(RunMode.SUSPENDED));

    assertThat(preferences.get().runMode()).isEqualTo(RunMode.SUSPENDED);
  }

  @Test
  void readsTheFileAgainWhenItChanges() throws Exception {
    PreferencesStore store = new PreferencesStore(dataDir);
    store.save(Preferences.defaults().withRunMode(RunMode.SUSPENDED));
    StoredPreferences preferences = new StoredPreferences(store);
    assertThat(preferences.get().runMode()).isEqualTo(RunMode.SUSPENDED);

    store.save(Preferences.defaults().withRunMode(RunMode.ALWAYS));
    Files.setLastModifiedTime(store.file(), FileTime.fromMillis(System.currentTimeMillis() + 5000));

    assertThat(preferences.get().runMode()).isEqualTo(RunMode.ALWAYS);
  }

  @Test
  void throwsForAnInvalidFileSoThatTheEngineKeepsTheLastValidPreferences() throws Exception {
    PreferencesStore store = new PreferencesStore(dataDir);
    StoredPreferences preferences = new StoredPreferences(store);
    preferences.get();
    Files.writeString(store.file(), "{\"inUseMinutes\": 0}");

    assertThatThrownBy(preferences::get)
        .isInstanceOf(PreferencesException.class)
        .hasMessageContaining("inUseMinutes");
  }
}
