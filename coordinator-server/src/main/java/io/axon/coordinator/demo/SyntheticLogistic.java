package io.axon.coordinator.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded synthetic data set of the seed paper's logistic-regression shape: 10 float features and
 * a 0/1 label drawn from a logistic model with fixed true weights, so the best possible accuracy is
 * well below 1 and a centralized and a federated fit can be compared fairly.
 */
public final class SyntheticLogistic {
  public static final int FEATURES = 10;

  private SyntheticLogistic() {}

  /** Writes {@code rows} rows as CSV with header {@code x0..x9,label}; same seed, same bytes. */
  public static void writeCsv(Path file, int rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] weights = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      weights[j] = random.nextDouble(-1.5, 1.5);
    }
    double bias = 0.25;
    StringBuilder line = new StringBuilder(160);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int j = 0; j < FEATURES; j++) {
        out.write("x" + j + ",");
      }
      out.write("label\n");
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        double z = bias;
        for (int j = 0; j < FEATURES; j++) {
          float x = (float) gaussian(random);
          z += weights[j] * x;
          line.append(x).append(',');
        }
        double p = 1 / (1 + StrictMath.exp(-z));
        line.append(random.nextDouble() < p ? '1' : '0').append('\n');
        out.write(line.toString());
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller with StrictMath: the same bits on every JVM.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }
}
