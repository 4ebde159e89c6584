package io.axon.android.ui;

import io.axon.coordinator.testing.TestCoordinator;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import io.axon.core.monitor.UserIdle;
import io.axon.core.prefs.Preferences;
import io.axon.core.protocol.JobSpec;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The screen tests' coordinator: the module's {@link TestCoordinator} (a real one on a random
 * port), started so that it works in any Robolectric sandbox, and a way to earn an account credit.
 */
final class Coordinators {
  private Coordinators() {}

  static TestCoordinator start(Path dir) {
    try {
      // Each Robolectric sandbox loads its own H2 driver class, and DriverManager only hands a
      // caller the driver its own class loader registered: register this sandbox's one first.
      Class.forName("org.h2.Driver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("H2 is missing from the test class path", e);
    }
    return TestCoordinator.start(dir);
  }

  /** Opens an account and earns it credit ({@link #earnCredit}); returns its key. */
  static String earnCreditForNewAccount(TestCoordinator coordinator, String name, Path hostDir)
      throws IOException {
    String key = coordinator.createAccount(name);
    earnCredit(coordinator, key, hostDir);
    return key;
  }

  /**
   * Earns credit for the account: a one-unit job that needs one result only (so it is validated and
   * credited at once, with money per credit), trained by a plain shared-core engine, as any of the
   * volunteer's other computers would.
   */
  static void earnCredit(TestCoordinator coordinator, String accountKey, Path hostDir)
      throws IOException {
    String url = coordinator.url();
    JobSpec spec =
        new JobSpec(
                "credit-job",
                ModelKind.LOGISTIC,
                List.of(),
                new Hyperparameters(0.1, 0.0, 0.0, 16),
                "label",
                1,
                2,
                1,
                null,
                0.2,
                42L)
            .withReplication(JobSpec.Replication.NONE)
            .withPayoutPerCredit("0.25");
    Path csv = Files.createTempFile(hostDir, "credit-job", ".csv");
    Files.write(csv, TestCoordinator.separableCsv(400, 3));
    try (CoordinatorClient client = CoordinatorClient.builder(url).build()) {
      client.submitJob(spec, csv);
    }
    EngineConfig config =
        new EngineConfig(
            url,
            hostDir.resolve("engine"),
            1,
            "other-computer",
            1,
            EngineConfig.DEFAULT_CHECKPOINT_INTERVAL,
            0,
            accountKey,
            List.of());
    Readings pluggedIn =
        new Readings(
            0.0,
            0.0,
            2,
            8L << 30,
            4L << 30,
            PowerSource.AC,
            100,
            Double.NaN,
            new UserIdle(Duration.ofHours(1), "test"));
    VolunteerEngine.builder(config)
        .monitor(() -> pluggedIn)
        .preferences(() -> Preferences.defaults().withRunMode(Preferences.RunMode.ALWAYS))
        .build()
        .run(); // returns once its one unit is handed in
  }
}
