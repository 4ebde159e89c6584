package io.axon.core.engine;

import com.squareup.moshi.Moshi;
import io.axon.core.prefs.PreferenceOverrides;
import io.axon.core.prefs.Preferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the engine tests share, fresh for each test: a {@link FakeCoordinator} on a random port, an
 * empty data directory, a {@link ScriptedMachine} and preferences the test may change while the
 * engine runs; engines built against them with short waits. Register it with
 * {@code @RegisterExtension final EngineFixture fixture = new EngineFixture();}.
 */
final class EngineFixture implements BeforeEachCallback, AfterEachCallback {
  /** Short backoffs and retries, the real one-second governor. */
  static final VolunteerEngine.Timing FAST =
      new VolunteerEngine.Timing(
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofSeconds(2),
          2,
          Duration.ofMillis(10));

  /** The longest a test holds a training thread inside a listener callback. */
  static final Duration HOLD_MAX = Duration.ofSeconds(60);

  final ScriptedMachine machine = new ScriptedMachine();
  final AtomicReference<Preferences> preferences = new AtomicReference<>(Preferences.defaults());
  FakeCoordinator coordinator;
  Path dataDir;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("axon-engine-test");
    coordinator = FakeCoordinator.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    coordinator.close();
    try (Stream<Path> paths = Files.walk(dataDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** A configuration for the coordinator and data directory, checkpointing every 60 s. */
  EngineConfig config(int threads, int maxUnits) {
    return new EngineConfig(coordinator.url(), dataDir, threads, "test-host", maxUnits);
  }

  VolunteerEngine engine(int threads, int maxUnits, EngineListener listener) {
    return engine(config(threads, maxUnits), listener);
  }

  /** An engine on the scripted machine that follows {@link #preferences}. */
  VolunteerEngine engine(EngineConfig config, EngineListener listener) {
    return VolunteerEngine.builder(config)
        .listener(listener)
        .timing(FAST)
        .monitor(machine)
        .preferences(preferences::get)
        .build();
  }

  /** Runs {@code engine} on another thread. */
  static CompletableFuture<Void> start(VolunteerEngine engine) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            engine.run();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Awaitility waiting up to {@code max}, checking at once and then every 10 ms (its default of 100
   * ms would add up over the many waits of these tests).
   */
  static ConditionFactory waitUpTo(Duration max) {
    return Awaitility.await()
        .atMost(max)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10));
  }

  /**
   * Waits until the governor has read the machine {@code readings} more times (it reads it once per
   * decision, every period). By then the decisions taken on all but the last of those readings have
   * been published, logged and written to the status file, and every engine thread that waits on
   * the governor has been woken by each of them and had a whole period to act: a test that checks
   * afterwards that nothing happened has given the engine {@code readings - 1} chances to do it.
   */
  void awaitDecisions(int readings) {
    int target = machine.reads() + readings;
    waitUpTo(Duration.ofSeconds(readings * 10L)).until(() -> machine.reads() >= target);
  }

  /**
   * Holds the calling engine thread (a listener callback: the training thread in {@code
   * epochFinished}) until {@code condition} holds, so that the unit is still in training when the
   * test's condition comes true, however fast this machine trains. Fails after {@link #HOLD_MAX}.
   */
  static void holdUntil(Callable<Boolean> condition) {
    Awaitility.await()
        .atMost(HOLD_MAX)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(condition);
  }

  /** Sets the preferences to the defaults with {@code pairs} ("key=value") applied. */
  void prefer(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    preferences.set(PreferenceOverrides.apply(Preferences.defaults(), map));
  }

  /** The status file as a JSON tree. */
  @SuppressWarnings("unchecked")
  Map<String, Object> status() throws IOException {
    String json =
        new String(
            Files.readAllBytes(dataDir.resolve(StatusFile.FILE_NAME)), StandardCharsets.UTF_8);
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Map.class).fromJson(json);
  }

  /** The status file's state, or what made it unreadable (it may not be written yet). */
  String state() {
    try {
      return (String) status().get("state");
    } catch (IOException | RuntimeException e) {
      return "unreadable: " + e;
    }
  }

  /** The status file's {@code limits} object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> limits() throws IOException {
    return (Map<String, Object>) status().get("limits");
  }

  /** The current event log file. */
  String eventFile() throws IOException {
    return new String(
        Files.readAllBytes(dataDir.resolve("logs").resolve("events.0.log")),
        StandardCharsets.UTF_8);
  }
}
