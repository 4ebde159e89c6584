package io.axon.coordinator.admin;

import io.axon.coordinator.CoordinatorConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start's admin: until the bootstrap admin has set a password, every start makes a
 * one-time login link, logs it and writes it to {@code <data dir>/admin-login.txt} (readable by the
 * owner of the data directory only), so whoever started the coordinator can log in.
 */
@Singleton
public final class AdminBootstrap {
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  /** The file in the data directory holding the latest one-time login URL. */
  public static final String LOGIN_FILE = "admin-login.txt";

  private final OwnerService owners;
  private final CoordinatorConfig config;

  @Inject
  public AdminBootstrap(OwnerService owners, CoordinatorConfig config) {
    this.owners = owners;
    this.config = config;
  }

  /** Called once the server listens on {@code port}. */
  public void announce(int port) {
    Path file = config.dataDir().resolve(LOGIN_FILE);
    var token = owners.bootstrap();
    try {
      if (token.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      String url = baseUrl(port) + "/admin/once/" + token.get();
      Files.writeString(file, url + System.lineSeparator(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data directory's own permissions protect it
      }
      log.warn(
          "Admin page: one-time login for '{}' (works once, for a day): {}",
          OwnerService.BOOTSTRAP_ADMIN,
          url);
    } catch (IOException e) {
      log.warn("cannot write {}: {}", file, e.toString());
    }
  }

  private String baseUrl(int port) {
    String host = config.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port;
  }
}
