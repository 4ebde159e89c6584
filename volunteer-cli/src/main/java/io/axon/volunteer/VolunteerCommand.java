package io.axon.volunteer;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.VolunteerEngine;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code axon volunteer}: donate this machine's CPU to a coordinator until stopped. */
@Command(
    name = "axon volunteer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Trains work units for an Axon coordinator until stopped (Ctrl-C or SIGTERM).",
      "Prints one line per work unit; logs go to stderr."
    })
final class VolunteerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--coordinator",
      required = true,
      paramLabel = "URL",
      description = "Coordinator base URL, e.g. http://192.168.1.10:8080")
  String coordinator;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.axon-volunteer",
      description = "Identity, blob cache and unsent results (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Training threads (default: ${DEFAULT-VALUE}, the number of processors)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name shown at the coordinator (default: the host name)")
  String name;

  @Option(
      names = "--max-units",
      paramLabel = "N",
      description = "Exit after this many work units (default: 0 = run until stopped)")
  int maxUnits;

  private final PrintStream out;

  VolunteerCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    VolunteerEngine engine = DaggerVolunteerComponent.factory().create(config(), out).engine();
    Thread hook = new Thread(() -> stopAndExit(engine), "axon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      engine.run();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and ends the process
      }
    }
    return 0;
  }

  /**
   * On SIGTERM or Ctrl-C: stop the engine and exit 0. Halting is what makes the status 0 (rather
   * than 143 or 130): a stop on request is a normal end for a volunteer.
   */
  private void stopAndExit(VolunteerEngine engine) {
    engine.stop();
    out.println("stopped");
    out.flush();
    Runtime.getRuntime().halt(0);
  }

  EngineConfig config() {
    try {
      return new EngineConfig(
          coordinator, dataDir, threads, name != null ? name : hostName(), maxUnits);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.trim().isEmpty()) {
      name = "volunteer";
    }
    return name.length() > 100 ? name.substring(0, 100) : name;
  }
}
