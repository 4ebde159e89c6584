package io.axon.coordinator;

import io.axon.coordinator.ConfigKeys.ConfigException;
import io.axon.coordinator.ops.Logging;
import io.axon.coordinator.web.ListenSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code ./axon coordinator}: runs a coordinator until SIGTERM or Ctrl-C. Every
 * configuration key ({@link ConfigKeys}) is also an option: {@code --port 8081} overrides {@code
 * port = 8080} in the {@code --config} file.
 */
@Command(
    name = "axon coordinator",
    mixinStandardHelpOptions = true,
    version = "Axon coordinator 0.1.0",
    description =
        "Runs an Axon coordinator: volunteers pull work units, project owners submit jobs.",
    footer =
        "Every option except --config may also be set in the configuration file, as KEY = VALUE.")
public final class CoordinatorMain implements Callable<Integer> {
  /** Exit status of a configuration that cannot be used, or of a port that cannot be bound. */
  static final int BAD_CONFIG = 2;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "configuration file (Java properties: key = value); options override it")
  Path configFile;

  private final CommandLine commandLine;

  public CoordinatorMain() {
    CommandSpec spec = CommandSpec.forAnnotatedObject(this);
    for (ConfigKeys.Key key : ConfigKeys.KEYS) {
      spec.addOption(
          OptionSpec.builder("--" + key.name())
              .paramLabel(key.label())
              .type(String.class)
              .description(key.description() + " (default: " + key.defaultValue() + ")")
              .build());
    }
    commandLine = new CommandLine(spec);
  }

  public static void main(String[] args) {
    System.exit(new CoordinatorMain().commandLine().execute(args));
  }

  CommandLine commandLine() {
    return commandLine;
  }

  /**
   * The configuration: defaults, then the {@code --config} file, then the options given.
   *
   * @throws ConfigException naming the key, if a value or the file cannot be used
   */
  CoordinatorConfig config() {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    if (configFile != null) {
      ConfigKeys.read(configFile)
          .forEach(
              (key, value) -> {
                values.put(key, value);
                where.put(key, "in " + configFile);
              });
    }
    CommandSpec spec = commandLine.getCommandSpec();
    for (ConfigKeys.Key key : ConfigKeys.KEYS) {
      String value = spec.findOption("--" + key.name()).getValue();
      if (value != null) {
        values.put(key.name(), value);
        where.put(key.name(), "option --" + key.name());
      }
    }
    return ConfigKeys.build(values, where);
  }

  @Override
  public Integer call() throws InterruptedException {
    CoordinatorConfig config;
    try {
      config = config();
    } catch (ConfigException e) {
      System.err.println("axon coordinator: " + e.getMessage());
      return BAD_CONFIG;
    }
    Logging.use(config.logFormat());
    Coordinator coordinator;
    try {
      coordinator = new Coordinator(config).start();
    } catch (ListenSocket.PortUnavailableException e) {
      // checked before the database is opened, so nothing was created in the data directory
      System.err.println("axon coordinator: " + e.getMessage());
      return BAD_CONFIG;
    }
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
