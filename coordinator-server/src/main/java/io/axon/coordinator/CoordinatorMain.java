package io.axon.coordinator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code ./axon coordinator}: runs a coordinator until SIGTERM or Ctrl-C. */
@Command(
    name = "axon coordinator",
    mixinStandardHelpOptions = true,
    version = "Axon coordinator 0.1.0",
    description =
        "Runs an Axon coordinator: volunteers pull work units, project owners submit jobs.")
public final class CoordinatorMain implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "" + CoordinatorConfig.DEFAULT_PORT,
      description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      defaultValue = CoordinatorConfig.DEFAULT_BIND,
      description = "address to listen on (default: ${DEFAULT-VALUE})")
  String bind;

  @Option(
      names = "--data-dir",
      defaultValue = "axon-data",
      description = "database and upload directory (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--db",
      description = "JDBC URL of the database (default: an H2 file database in the data directory)")
  String dbUrl;

  @Option(names = "--db-user", description = "database user")
  String dbUser;

  @Option(names = "--db-password", description = "database password", interactive = false)
  String dbPassword;

  @Option(
      names = "--deadline-seconds",
      defaultValue = "900",
      description = "time a volunteer has for one work unit (default: ${DEFAULT-VALUE})")
  long deadlineSeconds;

  @Option(
      names = "--retry-after-seconds",
      defaultValue = "2",
      description = "wait a volunteer is told when there is no work (default: ${DEFAULT-VALUE})")
  long retryAfterSeconds;

  @Option(
      names = "--max-json-bytes",
      defaultValue = "" + CoordinatorConfig.DEFAULT_MAX_JSON_BYTES,
      description = "limit on JSON request bodies (default: ${DEFAULT-VALUE})")
  long maxJsonBytes;

  @Option(
      names = "--max-result-bytes",
      defaultValue = "" + CoordinatorConfig.DEFAULT_MAX_RESULT_BYTES,
      description = "limit on one result upload (default: ${DEFAULT-VALUE})")
  long maxResultBytes;

  @Option(
      names = "--max-job-bytes",
      defaultValue = "" + CoordinatorConfig.DEFAULT_MAX_JOB_BYTES,
      description = "limit on one job upload, CSV included (default: ${DEFAULT-VALUE})")
  long maxJobBytes;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CoordinatorMain()).execute(args));
  }

  CoordinatorConfig config() {
    return CoordinatorConfig.builder(dataDir)
        .port(port)
        .bind(bind)
        .database(dbUrl, dbUser, dbPassword)
        .deadline(Duration.ofSeconds(deadlineSeconds))
        .retryAfter(Duration.ofSeconds(retryAfterSeconds))
        .maxJsonBytes(maxJsonBytes)
        .maxResultBytes(maxResultBytes)
        .maxJobBytes(maxJobBytes)
        .build();
  }

  @Override
  public Integer call() throws InterruptedException {
    Coordinator coordinator = new Coordinator(config()).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  coordinator.stop();
                  stopped.countDown();
                  System.out.println("Axon coordinator stopped");
                  System.out.flush();
                  // a clean stop on SIGTERM exits 0, not the JVM's 143 (systemd, scripts)
                  Runtime.getRuntime().halt(0);
                },
                "axon-shutdown"));
    System.out.println("Axon coordinator listening on " + coordinator.url());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
