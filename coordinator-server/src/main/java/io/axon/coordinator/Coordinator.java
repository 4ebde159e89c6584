package io.axon.coordinator;

import io.axon.coordinator.web.ListenSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: database, background transitioner and HTTP server. Embeddable (tests, the
 * demo); {@link CoordinatorMain} is the command line around it.
 */
public final class Coordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

  private final CoordinatorConfig config;
  private final Clock clock;
  private CoordinatorComponent component;

  public Coordinator(CoordinatorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A coordinator that reads the time from {@code clock} (tests move it forward). */
  public Coordinator(CoordinatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Binds the port, then migrates the database, resumes unfinished jobs and starts serving.
   *
   * @throws ListenSocket.PortUnavailableException if it cannot listen; nothing was created then
   */
  public synchronized Coordinator start() {
    if (component != null) {
      throw new IllegalStateException("already started");
    }
    // first, so that a coordinator that cannot listen leaves no database behind
    ServerSocketChannel channel = ListenSocket.bind(config.bind(), config.port());
    try {
      return start(channel);
    } catch (RuntimeException e) {
      ListenSocket.close(channel);
      throw e;
    }
  }

  private Coordinator start(ServerSocketChannel channel) {
    try {
      Path uploads = Files.createDirectories(config.dataDir().resolve("uploads"));
      // parts spooled by a coordinator that was killed mid-upload
      try (Stream<Path> stale = Files.list(uploads)) {
        for (Path file : (Iterable<Path>) stale::iterator) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
    CoordinatorComponent started = DaggerCoordinatorComponent.factory().create(config, clock);
    try {
      started.database().migrate();
      started.transitioner().start();
      started.webServer().start(channel);
    } catch (RuntimeException e) {
      started.webServer().stop();
      started.transitioner().stop();
      started.health().close();
      started.metrics().close();
      started.database().close();
      throw e;
    }
    component = started;
    log.info("coordinator listening on {} (data in {})", url(), config.dataDir());
    return this;
  }

  /** The port the server listens on (useful with port 0). */
  public synchronized int port() {
    if (component == null) {
      throw new IllegalStateException("not started");
    }
    return component.webServer().port();
  }

  /** Every route served, as {@code "GET /api/v1/hosts"} (the OpenAPI test compares them). */
  synchronized List<String> endpoints() {
    if (component == null) {
      throw new IllegalStateException("not started");
    }
    return component.webServer().endpoints();
  }

  /** A URL that reaches this coordinator from this machine, e.g. {@code http://localhost:8080}. */
  public String url() {
    String host = config.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Stops serving, lets a round being closed finish, and closes the database. Idempotent. */
  public synchronized void stop() {
    if (component == null) {
      return;
    }
    component.webServer().stop();
    component.transitioner().stop();
    component.health().close();
    component.metrics().close();
    component.database().close();
    component = null;
    log.info("coordinator stopped");
  }

  @Override
  public void close() {
    stop();
  }
}
