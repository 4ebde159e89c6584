package io.axon.coordinator;

import io.axon.core.protocol.JobSpec;
import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small, seeded, learnable jobs for tests. */
final class TestJobs {
  private TestJobs() {}

  /**
   * Logistic regression without replication (one replica per unit, trusted as it comes), so that a
   * single volunteer can run it; {@link #replicated} keeps the default of two agreeing replicas.
   */
  static JobSpec logistic(String name, int shards, int rounds) {
    return replicated(name, shards, rounds).withReplication(JobSpec.Replication.NONE);
  }

  /** Logistic regression with the default lifecycle: two replicas per unit that must agree. */
  static JobSpec replicated(String name, int shards, int rounds) {
    return new JobSpec(
        name,
        ModelKind.LOGISTIC,
        List.of(),
        new Hyperparameters(0.1, 0.0, 0.0, 16),
        "label",
        shards,
        2,
        rounds,
        null,
        0.2,
        42L);
  }

  /** Two features; the label is 1 when a weighted sum plus noise is positive. */
  static byte[] separableCsv(int rows, long seed) {
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

  /** A job of any kind, unreplicated like {@link #logistic}. */
  static JobSpec of(String name, ModelKind kind, List<Integer> hidden, int shards, int rounds) {
    return new JobSpec(
            name,
            kind,
            hidden,
            new Hyperparameters(0.05, 0.9, 0.0, 16),
            "label",
            shards,
            2,
            rounds,
            null,
            0.2,
            7L)
        .withReplication(JobSpec.Replication.NONE);
  }

  /** Three classes by the sign pattern of two features. */
  static byte[] threeClassCsv(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextDouble(-2, 2);
      double x2 = random.nextDouble(-2, 2);
      int label = x1 > 0.5 ? 2 : x2 > 0 ? 1 : 0;
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", x1, x2, label));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A noisy linear target. */
  static byte[] linearCsv(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < rows; i++) {
      double x1 = random.nextDouble(-1, 1);
      double x2 = random.nextDouble(-1, 1);
      double y = 2 * x1 - x2 + 0.5 + 0.05 * random.nextDouble(-1, 1);
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", x1, x2, y));
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
