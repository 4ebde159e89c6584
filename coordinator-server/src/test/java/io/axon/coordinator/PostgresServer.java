package io.axon.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, throw-away PostgreSQL cluster (initdb + pg_ctl) in a temporary directory on a free port,
 * for tests and the load benchmark. As a JUnit 5 extension ({@code @RegisterExtension static
 * PostgresServer postgres = new PostgresServer();}) it starts once per test class, gives every test
 * a fresh database ({@link #url()}), and stops and deletes the cluster after the class, also when a
 * test failed. Outside JUnit: {@link #start()}, {@link #createDatabase(String)}, {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres} user
 * (created by the Debian package) through {@code runuser}. A machine without the server binaries
 * fails the test with the package to install: a missing database is an error, never a skip.
 */
public final class PostgresServer
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AutoCloseable {
  /** Overrides where initdb and pg_ctl are looked for. */
  public static final String BIN_DIR_PROPERTY = "axon.postgres.bin";

  private static final String SUPERUSER = "postgres";
  private static final AtomicInteger databases = new AtomicInteger();

  private final boolean durable;
  private Path dir;
  private Path bin;
  private int port;
  private boolean asPostgresUser;
  private String url;
  private Thread shutdownHook;

  /** A cluster tuned for tests: no fsync, nothing survives a crash, which a test never needs. */
  public PostgresServer() {
    this(false);
  }

  /**
   * @param durable keep PostgreSQL's default durability (fsync, synchronous commit), for figures
   *     that should hold in production
   */
  public PostgresServer(boolean durable) {
    this.durable = durable;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (directory() == null) {
      throw new IllegalStateException(
          "PostgresServer not started: register it on a static field"
              + " (@RegisterExtension static final PostgresServer postgres = new PostgresServer())");
    }
    url = createDatabase("t" + databases.incrementAndGet());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** The JDBC URL of the current test's own database (user in the URL, no password needed). */
  public String url() {
    if (url == null) {
      throw new IllegalStateException("no database yet: register PostgresServer as an extension");
    }
    return url;
  }

  public int port() {
    return port;
  }

  /** The cluster's directory (data and logs), null when stopped. */
  public synchronized Path directory() {
    return dir;
  }

  /** Initialises and starts the cluster. */
  public synchronized PostgresServer start() {
    if (dir != null) {
      throw new IllegalStateException("already started");
    }
    bin = findBinaries();
    try {
      dir = Files.createTempDirectory("axon-postgres-");
      asPostgresUser = (Integer) Files.getAttribute(dir, "unix:uid") == 0;
      if (asPostgresUser) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try {
          Files.setOwner(dir, users.lookupPrincipalByName(SUPERUSER));
        } catch (IOException e) {
          throw new IllegalStateException(
              "running as root, PostgreSQL must run as the 'postgres' user, which does not exist:"
                  + " install the server with `apt-get install -y postgresql` (it creates the user)",
              e);
        }
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      shutdownHook = new Thread(this::stopQuietly, "postgres-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      Path data = dir.resolve("data");
      run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              SUPERUSER,
              "-A",
              "trust",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-sync"));
      appendSettings(data);
      startOnFreePort(data);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Creates an empty database and returns its JDBC URL. */
  public String createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name must be a plain identifier: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  /** The JDBC URL of database {@code name} on this cluster. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER;
  }

  /** The server version, e.g. "15.14". */
  public String version() {
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"))) {
      return c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server at once and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    stopQuietly();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
      shutdownHook = null;
    }
  }

  private synchronized void stopQuietly() {
    if (dir == null) {
      return;
    }
    Path data = dir.resolve("data");
    if (Files.exists(data.resolve("postmaster.pid"))) {
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-m",
                "immediate",
                "stop"));
      } catch (RuntimeException e) {
        System.err.println("PostgresServer: " + e.getMessage());
      }
    }
    deleteTree(dir);
    dir = null;
    url = null;
  }

  private void appendSettings(Path data) throws IOException {
    StringBuilder conf = new StringBuilder("\n# axon test cluster\n");
    conf.append("listen_addresses = '127.0.0.1'\n");
    conf.append("unix_socket_directories = '").append(dir).append("'\n");
    conf.append("max_connections = 200\n");
    conf.append("shared_buffers = 128MB\n");
    if (!durable) {
      conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
    }
    // as root the file belongs to postgres, and root may still append to it
    Files.writeString(
        data.resolve("postgresql.conf"),
        conf.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  /** Picks a free port; another process may take it before the server binds, so retry. */
  private void startOnFreePort(Path data) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      port = freePort();
      try {
        run(
            List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-o",
                "-p " + port,
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "start"));
        return;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException(last.getMessage() + "\n" + serverLog(), last);
  }

  private String serverLog() {
    try {
      return "server.log:\n" + Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no server.log)";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a PostgreSQL tool, as the postgres user when we are root, and fails with its output. */
  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    full.addAll(command);
    try {
      Process process =
          new ProcessBuilder(full)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("tool.log").toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", full));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "failed ("
                + process.exitValue()
                + "): "
                + String.join(" ", full)
                + "\n"
                + Files.readString(dir.resolve("tool.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
    }
  }

  /**
   * initdb and pg_ctl: from {@value #BIN_DIR_PROPERTY}, the newest /usr/lib/postgresql/N/bin
   * (Debian, Ubuntu), or the PATH.
   */
  static Path findBinaries() {
    return findBinaries(System.getProperty(BIN_DIR_PROPERTY));
  }

  static Path findBinaries(String configured) {
    if (configured != null) {
      Path path = Path.of(configured);
      if (Files.isExecutable(path.resolve("initdb"))) {
        return path;
      }
      throw missing(configured + " (from -D" + BIN_DIR_PROPERTY + ") has no initdb");
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path newest =
            versions
                .filter(v -> v.getFileName().toString().matches("\\d+"))
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry);
      }
    }
    throw missing("initdb and pg_ctl were found neither in /usr/lib/postgresql/*/bin nor on PATH");
  }

  private static IllegalStateException missing(String why) {
    return new IllegalStateException(
        "PostgreSQL server is not installed: "
            + why
            + ". These tests need a real PostgreSQL 15: install the server binaries with"
            + " `apt-get install -y postgresql` (Debian/Ubuntu; `.ci/run` does it), or point -D"
            + BIN_DIR_PROPERTY
            + " at a directory holding initdb and pg_ctl.");
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(PostgresServer::deleteQuietly);
    } catch (IOException e) {
      System.err.println("PostgresServer: cannot delete " + root + ": " + e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.println("PostgresServer: cannot delete " + path + ": " + e);
    }
  }
}
