package io.axon.core.engine;

import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The preferences saved in a {@link PreferencesStore}, read again whenever the file's modification
 * time changes, so that an edit (by {@code axon volunteer --config}, an app or by hand) applies
 * within a second without a restart. A file that cannot be read or is invalid throws; the engine
 * then keeps the last valid preferences and says so in its event log.
 */
final class StoredPreferences implements Supplier<Preferences> {
  private final PreferencesStore store;
  private FileTime seen;
  private boolean loaded;
  private Preferences current = Preferences.defaults();

  StoredPreferences(PreferencesStore store) {
    this.store = store;
  }

  @Override
  public synchronized Preferences get() {
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(store.file());
    } catch (NoSuchFileException e) {
      modified = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (loaded && Objects.equals(modified, seen)) {
      return current;
    }
    try {
      current = store.load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    seen = modified;
    loaded = true;
    return current;
  }
}
