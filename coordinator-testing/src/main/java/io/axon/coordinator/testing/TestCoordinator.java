package io.axon.coordinator.testing;

import io.axon.coordinator.Coordinator;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.core.client.CoordinatorClient;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelKind;
import io.axon.core.training.ModelSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** A real coordinator on a random port, with an H2 database in a temporary folder. */
public final class TestCoordinator implements AutoCloseable {
  /** The most local epochs a job may have ({@link JobSpec}). */
  private static final int MAX_EPOCHS = 1000;

  private static final Hyperparameters MLP_HYPERPARAMETERS =
      new Hyperparameters(0.05, 0.9, 0.0, 32);

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
   * A one-unit MLP job that trains for at least {@code atLeast} at this machine's full speed, sized
   * from a speed measured here and now rather than guessed: for a test that needs a unit still in
   * training a while after it started (e.g. after a throttle's first one-second slice). A quiet
   * machine trains {@link #submitSlowJob} in about a second.
   *
   * <p>The kernel trains the unit's model on the unit's rows, one epoch at a time, on every core
   * (as a desktop engine may); the fastest epoch after the JIT has warmed up counts, so that a busy
   * moment during the measurement makes the unit longer, not shorter. Where even the most epochs a
   * job may have ({@value #MAX_EPOCHS}) are done sooner, the hidden layer is made wider.
   */
  public JobStatus submitJobTrainingAtLeast(String name, Duration atLeast) throws IOException {
    Dataset rows =
        CsvDatasets.read(
                new StringReader(new String(separableCsv(16_000, 11), StandardCharsets.UTF_8)),
                "label")
            .data();
    int threads = Runtime.getRuntime().availableProcessors();
    for (int width = 64; ; width *= 2) {
      Kernel kernel = Kernel.forSpec(ModelSpec.mlp(2, List.of(width), 2));
      Model model = kernel.initialize(7L);
      long fastest = Long.MAX_VALUE;
      long measuring = System.nanoTime();
      for (int epoch = 1; epoch <= 3 || System.nanoTime() - measuring < 500_000_000L; epoch++) {
        long start = System.nanoTime();
        kernel.train(model, rows, MLP_HYPERPARAMETERS, 1, epoch, threads, null);
        long took = System.nanoTime() - start;
        if (epoch > 1) { // the first one runs in the interpreter
          fastest = Math.min(fastest, took);
        }
      }
      long epochs = (atLeast.toNanos() + fastest - 1) / fastest;
      if (epochs <= MAX_EPOCHS) {
        return submit(
            mlpSpec(name, List.of(width), (int) Math.max(2, epochs)), separableCsv(20_000, 11));
      }
    }
  }

  /**
   * As {@link #submitMlpJob(String, int)}; {@code trusted}: one replica, valid as it comes (quorum
   * 1), so that a single volunteer's result is validated and credited.
   */
  public JobStatus submitMlpJob(String name, int epochs, boolean trusted) throws IOException {
    JobSpec spec = mlpSpec(name, List.of(32), epochs);
    if (trusted) {
      spec = spec.withReplication(JobSpec.Replication.NONE).withPayoutPerCredit("0.25");
    }
    return submit(spec, separableCsv(20_000, 11));
  }

  /** One unit (one shard, one round) of an MLP on 16,000 rows, 4,000 held out. */
  private static JobSpec mlpSpec(String name, List<Integer> hidden, int epochs) {
    return new JobSpec(
        name, ModelKind.MLP, hidden, MLP_HYPERPARAMETERS, "label", 1, epochs, 1, null, 0.2, 7L);
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
