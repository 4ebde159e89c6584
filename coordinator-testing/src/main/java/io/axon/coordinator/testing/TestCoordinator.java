package io.axon.coordinator.testing;

import io.axon.coordinator.Coordinator;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A real coordinator on a random port, with an H2 database in a temporary folder. */
public final class TestCoordinator implements AutoCloseable {
  private final Coordinator coordinator;
  private final Path dir;

  private TestCoordinator(Path dir) {
    this.dir = dir;
    CoordinatorConfig config =
        CoordinatorConfig.builder(dir)
            .port(0)
            .bind("127.0.0.1")
            .retryAfter(Duration.ofSeconds(1))
            .transitionerPeriod(Duration.ofMillis(200))
            // the tests submit jobs as a project owner would, without an owner's API token
            .openJobApi(true)
            .build();
    this.coordinator = new Coordinator(config).start();
  }

  public static TestCoordinator start(Path dir) {
    return new TestCoordinator(dir);
  }

  public String url() {
    return coordinator.url();
  }

  /**
   * A one-unit MLP job whose unit trains for a few seconds in many short epochs, so that its
   * progress can be seen moving (and stopped by a CPU-time throttle).
   */
  public JobStatus submitSlowJob(String name) throws IOException {
    return submitMlpJob(name, 100);
  }

  /** A one-unit MLP job of {@code epochs} short epochs on 16,000 rows. */
  public JobStatus submitMlpJob(String name, int epochs) throws IOException {
    return submitMlpJob(name, epochs, false);
  }

  /**
   * As {@link #submitMlpJob(String, int)}; {@code trusted}: one replica, valid as it comes (quorum
   * 1), so that a single volunteer's result is validated and credited.
   */
  public JobStatus submitMlpJob(String name, int epochs, boolean trusted) throws IOException {
    JobSpec spec =
        new JobSpec(
            name,
            ModelKind.MLP,
            List.of(32),
            new Hyperparameters(0.05, 0.9, 0.0, 32),
            "label",
            1,
            epochs,
            1,
            null,
            0.2,
            7L);
    if (trusted) {
      spec = spec.withReplication(JobSpec.Replication.NONE).withPayoutPerCredit("0.25");
    }
    return submit(spec, separableCsv(20_000, 11));
  }

  /** A one-unit logistic job that trains in a moment. */
  public JobStatus submitQuickJob(String name) throws IOException {
    JobSpec spec =
        new JobSpec(
            name,
            ModelKind.LOGISTIC,
            List.of(),
            new Hyperparameters(0.1, 0.0, 0.0, 16),
            "label",
            1,
            2,
            1,
            null,
            0.2,
            42L);
    return submit(spec, separableCsv(400, 3));
  }

  private JobStatus submit(JobSpec spec, byte[] csv) throws IOException {
    Path file = Files.createTempFile(dir, spec.name(), ".csv");
    Files.write(file, csv);
    try (CoordinatorClient client = CoordinatorClient.builder(url()).build()) {
      return client.submitJob(spec, file);
    }
  }

  /** Opens a volunteer account; returns its key. */
  public String createAccount(String name) throws IOException {
    try (CoordinatorClient client = CoordinatorClient.builder(url()).build()) {
      return client.createAccount(name).accountKey();
    }
  }

  public JobStatus job(long id) throws IOException {
    try (CoordinatorClient client = CoordinatorClient.builder(url()).build()) {
      return client.job(id);
    }
  }

  /** Two features; the label is 1 when a weighted sum plus noise is positive. */
  public static byte[] separableCsv(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextDouble(-2, 2);
      double x2 = random.nextDouble(-2, 2);
      int label = 1.5 * x1 - x2 + 0.2 * random.nextGaussian() > 0 ? 1 : 0;
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", x1, x2, label));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    coordinator.stop();
  }
}
