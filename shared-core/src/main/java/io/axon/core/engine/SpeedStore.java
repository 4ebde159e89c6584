package io.axon.core.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host's measured speed (floating-point operations per second on the last unit trained
 * from its start, under the limits then in force) in {@value #FILE_NAME} in the data directory, so
 * that a restarted volunteer tells the coordinator how fast it is from its first work request on,
 * as BOINC keeps its duration correction factor, instead of starting again from "unknown".
 */
final class SpeedStore {
  private static final Logger log = LoggerFactory.getLogger(SpeedStore.class);
  static final String FILE_NAME = "speed.txt";

  private final Path file;

  SpeedStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** The saved speed in flops per second; 0 (unknown) if none is saved or the file is damaged. */
  long load() {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      log.warn("Cannot read {}: the speed is measured again: {}", file, e.toString());
      return 0;
    }
    try {
      long speed = Long.parseLong(text);
      if (speed > 0) {
        return speed;
      }
    } catch (NumberFormatException e) {
      // damaged: measured again below
    }
    log.warn("Ignoring {}: '{}' is not a speed; it is measured again", file, text);
    return 0;
  }

  /** Saves {@code flopsPerSecond} (positive); a failure only costs the speed after a restart. */
  void save(long flopsPerSecond) {
    try {
      AtomicFiles.write(file, (flopsPerSecond + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.warn("Cannot save the measured speed to {}: {}", file, e.toString());
    }
  }
}
