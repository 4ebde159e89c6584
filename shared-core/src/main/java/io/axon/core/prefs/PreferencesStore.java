package io.axon.core.prefs;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps {@link Preferences} as {@value #FILE_NAME} in the data directory. Writes are atomic (a
 * temporary file moved over the old one), so a crash never leaves a half-written file. Fields
 * missing from the file take their defaults.
 */
public final class PreferencesStore {
  /** The file's name inside the data directory. */
  public static final String FILE_NAME = "preferences.json";

  private final Path file;

  public PreferencesStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** Where the preferences live. */
  public Path file() {
    return file;
  }

  /**
   * The saved preferences, or {@link Preferences#defaults()} if none were saved yet.
   *
   * @throws PreferencesException if the file is not valid; the message names the file and field
   */
  public Preferences load() throws IOException {
    String json;
    try {
      json = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Preferences.defaults();
    }
    try {
      return fromJson(json);
    } catch (PreferencesException e) {
      throw new PreferencesException(file + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the saved preferences in one step. */
  public void save(Preferences preferences) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
    try {
      Files.write(temp, toJson(preferences).getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The preferences as indented JSON, every field written. */
  public static String toJson(Preferences preferences) {
    return PreferencesJson.PREFERENCES.indent("  ").toJson(preferences) + "\n";
  }

  /**
   * Reads preferences from JSON; missing fields take their defaults.
   *
   * @throws PreferencesException naming the problem and its JSON path
   */
  public static Preferences fromJson(String json) {
    Preferences value;
    try {
      value = PreferencesJson.PREFERENCES.fromJson(json);
    } catch (JsonDataException e) {
      throw new PreferencesException("invalid preferences: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) { // JsonEncodingException, EOFException
      throw new PreferencesException(
          "malformed preferences JSON: "
              + String.valueOf(e.getMessage())
                  .replace(
                      "Use JsonReader.setLenient(true) to accept malformed JSON", "syntax error"),
          e);
    }
    if (value == null) {
      throw new PreferencesException("invalid preferences: expected an object but was null", null);
    }
    return value;
  }
}
