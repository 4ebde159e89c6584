package io.axon.coordinator;

import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import io.axon.core.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * A real coordinator on a random port with an H2 database in a temporary directory (or PostgreSQL:
 * {@link #config}).
 */
final class TestServer implements AutoCloseable {
  final CoordinatorConfig config;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Clock clock;
  private Coordinator coordinator;
  private final String url;

  TestServer(CoordinatorConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * A coordinator that reads the time from {@code clock}: with a {@link MutableClock}, a test moves
   * deadlines and expiries past by hand instead of waiting for them.
   */
  TestServer(CoordinatorConfig config, Clock clock) {
    this.clock = clock;
    this.coordinator = new Coordinator(config, clock).start();
    // restarts reuse the port, so that volunteers' clients keep working
    this.config = config.toBuilder().port(coordinator.port()).build();
    this.url = coordinator.url();
  }

  /**
   * A coordinator configuration for tests: H2 in {@code dataDir}, or, while {@link OnPostgres} is
   * registered on the test class or {@value #DATABASE_PROPERTY}{@code =postgres} is set, a
   * PostgreSQL database of its own for each data directory (a restart on the same directory finds
   * the same database).
   */
  static CoordinatorConfig.Builder config(Path dataDir) {
    CoordinatorConfig.Builder builder =
        CoordinatorConfig.builder(dataDir)
            .port(0)
            .bind("127.0.0.1")
            .retryAfter(Duration.ofSeconds(1))
            .transitionerPeriod(Duration.ofMillis(200))
            // tests submit jobs without an owner's token; AdminApiTest closes it again
            .openJobApi(true);
    PostgresServer server = postgres();
    if (server != null) {
      String url =
          postgresDatabases.computeIfAbsent(
              dataDir.toAbsolutePath().normalize(),
              dir -> server.createDatabase("s" + postgresDatabases.size()));
      builder.database(url, null, null);
    }
    return builder;
  }

  /** {@code -Daxon.test.database=postgres} runs every test coordinator on PostgreSQL. */
  static final String DATABASE_PROPERTY = "axon.test.database";

  private static final Map<Path, String> postgresDatabases = new ConcurrentHashMap<>();
  private static volatile PostgresServer postgres;
  private static PostgresServer sharedPostgres;

  /** Called by {@link OnPostgres}: test coordinators use {@code server} (null: H2 again). */
  static void usePostgres(PostgresServer server) {
    postgresDatabases.clear();
    postgres = server;
  }

  private static PostgresServer postgres() {
    PostgresServer server = postgres;
    if (server != null || !"postgres".equals(System.getProperty(DATABASE_PROPERTY))) {
      return server;
    }
    synchronized (TestServer.class) {
      if (sharedPostgres == null) {
        // one cluster for the whole run; its shutdown hook stops it when the JVM exits
        sharedPostgres = new PostgresServer().start();
      }
      return sharedPostgres;
    }
  }

  static TestServer start(Path dataDir) {
    return new TestServer(config(dataDir).build());
  }

  String url() {
    return url;
  }

  void stop() {
    coordinator.stop();
  }

  /** Starts again on the same data directory and port. */
  void restart() {
    coordinator.stop();
    coordinator = new Coordinator(config, clock).start();
  }

  @Override
  public void close() {
    coordinator.stop();
  }

  HostRegistered register(String name) {
    HttpResponse<String> reply =
        postJson(
            "/api/v1/hosts",
            null,
            ProtocolJson.toJson(new HostRegistration(name, "Linux amd64", 2, 1L << 30, "test-1")));
    if (reply.statusCode() != 201) {
      throw new AssertionError("registration failed: " + reply.body());
    }
    return ProtocolJson.fromJson(reply.body(), HostRegistered.class);
  }

  HttpResponse<String> postJson(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  HttpResponse<byte[]> getBytes(String path, String token, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path, token).GET();
    headers.forEach(builder::header);
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> postMultipart(String path, String token, Multipart body) {
    return send(
        request(path, token)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
            .build());
  }

  long count(String table) {
    return Jdbi.create(config.jdbcUrl())
        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data body. */
  static final class Multipart {
    private final String boundary = "axon-" + UUID.randomUUID();
    private final Map<String, byte[]> parts = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    Multipart part(String name, String contentType, byte[] content) {
      parts.put(name, content);
      types.put(name, contentType);
      return this;
    }

    Multipart json(String name, String json) {
      return part(name, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      parts.forEach(
          (name, content) -> {
            String head =
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"; filename=\""
                    + name
                    + "\"\r\nContent-Type: "
                    + types.get(name)
                    + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
          });
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }
}
