package io.axon.desktop.settings;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and atomically replaces {@value #FILE_NAME} in the app's data directory. */
public final class SettingsStore {
  public static final String FILE_NAME = "desktop.json";

  private static final JsonAdapter<Settings> JSON =
      new Moshi.Builder().build().adapter(Settings.class).indent("  ");

  private final Path file;

  public SettingsStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /** The saved settings, or the defaults before the first save. */
  public Settings load() throws IOException {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Settings.DEFAULTS;
    }
    try {
      Settings settings = JSON.fromJson(json);
      return settings == null ? Settings.DEFAULTS : settings;
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public void save(Settings settings) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
    try {
      Files.writeString(temp, JSON.toJson(settings) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
