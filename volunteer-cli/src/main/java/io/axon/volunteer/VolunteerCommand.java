package io.axon.volunteer;

import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.PreferencesException;
import io.axon.core.prefs.PreferencesStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "Prints one line per work unit; logs go to stderr.",
      "Preferences (docs/VOLUNTEERING.md lists every key) from --config and --set are saved in"
          + " the data directory and stay in force for later runs; the keys accountKey,"
          + " workBufferUnits and checkpointIntervalSeconds configure this run only."
    })
final class VolunteerCommand implements Callable<Integer> {
  /** Keys of --config and --set that configure the engine for this run instead of a preference. */
  static final String ACCOUNT_KEY = "accountKey";

  static final String WORK_BUFFER_UNITS = "workBufferUnits";
  static final String CHECKPOINT_INTERVAL_SECONDS = "checkpointIntervalSeconds";
  static final Set<String> ENGINE_KEYS =
      Set.of(ACCOUNT_KEY, WORK_BUFFER_UNITS, CHECKPOINT_INTERVAL_SECONDS);

  @Spec CommandSpec spec;

  @Option(
      names = "--coordinator",
      paramLabel = "URL",
      split = ",",
      description =
          "Coordinator base URL, e.g. http://192.168.1.10:8080 (required); several (repeated or"
              + " comma-separated) of one deployment are failed over between, in this order")
  List<String> coordinators = new ArrayList<>();

  @Mixin DataDirOption data;

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

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Preferences file, key = value lines (java.util.Properties syntax)")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A preference, e.g. inUse.maxCpuPercent=50; repeatable, applied after --config")
  List<String> settings = new ArrayList<>();

  @Option(
      names = "--checkpoint-interval",
      paramLabel = "SECONDS",
      description = "Save the progress of the unit in training this often (default: 60)")
  Double checkpointSeconds;

  @Option(
      names = "--work-buffer",
      paramLabel = "UNITS",
      description =
          "Work units kept queued beyond the one in training, 0 to "
              + EngineConfig.MAX_WORK_BUFFER_UNITS
              + " (default: 1; key workBufferUnits)")
  Integer workBufferUnits;

  @Option(
      names = "--account-key",
      paramLabel = "KEY",
      description =
          "Attach this host to a volunteer account when it registers (key accountKey); a host that"
              + " has registered already keeps its identity")
  String accountKey;

  private final PrintStream out;
  private Map<String, String> filePairs;
  private Map<String, String> setPairs;

  VolunteerCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    EngineConfig config = config();
    savePreferences();
    VolunteerEngine engine = DaggerVolunteerComponent.factory().create(config, out).engine();
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

  /**
   * The engine's configuration: the options, then for what they leave out the engine keys of {@code
   * --set}, then those of {@code --config}.
   */
  EngineConfig config() {
    if (coordinators.isEmpty()) {
      // Checked here rather than by picocli, which would demand it of the subcommands too.
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--coordinator=URL'");
    }
    String key = accountKey != null ? accountKey : engineSetting(ACCOUNT_KEY);
    try {
      EngineConfig config =
          new EngineConfig(
                  coordinators.get(0),
                  data.dataDir,
                  threads,
                  name != null ? name : hostName(),
                  maxUnits)
              .withAccountKey(key)
              .withFallbackUrls(coordinators.subList(1, coordinators.size()));
      Double seconds =
          checkpointSeconds != null
              ? checkpointSeconds
              : number(CHECKPOINT_INTERVAL_SECONDS, Double::valueOf);
      if (seconds != null) {
        config = config.withCheckpointInterval(checkpointInterval(seconds));
      }
      Integer buffer =
          workBufferUnits != null ? workBufferUnits : number(WORK_BUFFER_UNITS, Integer::valueOf);
      if (buffer != null) {
        config = config.withWorkBufferUnits(buffer);
      }
      return config;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The engine key's value from --set, else from --config; null if neither has it. */
  private String engineSetting(String key) {
    String set = setPairs().get(key);
    return set != null ? set : filePairs().get(key);
  }

  private <T> T number(String key, java.util.function.Function<String, T> parse) {
    String value = engineSetting(key);
    if (value == null) {
      return null;
    }
    try {
      return parse.apply(value.trim());
    } catch (NumberFormatException e) {
      throw usage(key + "=" + value + ": expected a number", e);
    }
  }

  private Map<String, String> filePairs() {
    if (filePairs == null) {
      if (configFile == null) {
        filePairs = Map.of();
      } else {
        try {
          filePairs = PreferenceOverrides.readFile(configFile);
        } catch (IOException e) {
          throw usage("cannot read --config " + configFile + ": " + ConsoleProgress.describe(e), e);
        }
      }
    }
    return filePairs;
  }

  private Map<String, String> setPairs() {
    if (setPairs == null) {
      try {
        setPairs = PreferenceOverrides.parseArguments(settings);
      } catch (PreferencesException e) {
        throw usage("--set: " + e.getMessage(), e);
      }
    }
    return setPairs;
  }

  /** {@code pairs} without the engine keys: the preferences among them. */
  private static Map<String, String> preferencesOnly(Map<String, String> pairs) {
    Map<String, String> preferences = new LinkedHashMap<>(pairs);
    preferences.keySet().removeAll(ENGINE_KEYS);
    return preferences;
  }

  private static Duration checkpointInterval(double seconds) {
    Duration min = EngineConfig.MIN_CHECKPOINT_INTERVAL;
    Duration max = EngineConfig.MAX_CHECKPOINT_INTERVAL;
    if (!(seconds * 1000 >= min.toMillis() && seconds * 1000 <= max.toMillis())) {
      throw new IllegalArgumentException(
          "--checkpoint-interval must be from "
              + min.toMillis() / 1000.0
              + " to "
              + max.getSeconds()
              + " seconds, got "
              + seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /**
   * Applies {@code --config}, then {@code --set}, on top of the saved preferences and saves the
   * result, where the engine reads it. Without either the saved preferences stay as they are.
   */
  private void savePreferences() throws IOException {
    if (configFile == null && settings.isEmpty()) {
      return;
    }
    Map<String, String> fromFile = preferencesOnly(filePairs());
    Map<String, String> fromSet = preferencesOnly(setPairs());
    if (fromFile.isEmpty() && fromSet.isEmpty()) {
      return; // only engine keys: the saved preferences stay as they are
    }
    PreferencesStore store = new PreferencesStore(data.dataDir);
    Preferences preferences = store.load();
    if (!fromFile.isEmpty()) {
      preferences = apply(preferences, fromFile, configFile.toString());
    }
    if (!fromSet.isEmpty()) {
      preferences = apply(preferences, fromSet, "--set");
    }
    try {
      store.save(preferences);
    } catch (IOException e) {
      throw new IOException(
          "cannot save preferences to " + store.file() + ": " + ConsoleProgress.describe(e), e);
    }
    out.println("preferences saved to " + store.file());
  }

  private Preferences apply(Preferences base, Map<String, String> pairs, String source) {
    try {
      return PreferenceOverrides.apply(base, pairs);
    } catch (PreferencesException e) {
      throw usage(source + ": " + e.getMessage(), e);
    }
  }

  private ParameterException usage(String message, Exception cause) {
    return new ParameterException(spec.commandLine(), message, cause);
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
