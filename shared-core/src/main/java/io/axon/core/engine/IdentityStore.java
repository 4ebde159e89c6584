package io.axon.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host identity in {@code host.properties} in the data directory, readable by its owner
 * only, so that a restarted volunteer is the same host to the coordinator.
 */
final class IdentityStore {
  private static final Logger log = LoggerFactory.getLogger(IdentityStore.class);
  static final String FILE_NAME = "host.properties";

  private final Path file;

  IdentityStore(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path file() {
    return file;
  }

  /**
   * The identity saved for {@code coordinatorUrl}; empty if there is none, it belongs to another
   * coordinator, or the file is unreadable (the engine then simply registers again).
   */
  Optional<HostIdentity> load(String coordinatorUrl) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      HostIdentity identity =
          new HostIdentity(
              properties.getProperty("coordinator"),
              Long.parseLong(properties.getProperty("hostId", "")),
              properties.getProperty("token"));
      if (!identity.coordinatorUrl().equals(coordinatorUrl)) {
        log.info(
            "Saved identity belongs to {}, not {}: registering anew",
            identity.coordinatorUrl(),
            coordinatorUrl);
        return Optional.empty();
      }
      return Optional.of(identity);
    } catch (IllegalArgumentException e) {
      log.warn("Ignoring unreadable {} ({}): registering anew", file, e.getMessage());
      return Optional.empty();
    }
  }

  void save(HostIdentity identity) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("coordinator", identity.coordinatorUrl());
    properties.setProperty("hostId", Long.toString(identity.hostId()));
    properties.setProperty("token", identity.token());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    properties.store(out, "Axon volunteer identity: keep private");
    AtomicFiles.write(file, out.toByteArray(), true);
  }
}
