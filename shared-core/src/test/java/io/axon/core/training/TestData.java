package io.axon.core.training;

import io.axon.core.data.Dataset;
import java.util.SplittableRandom;

/** Seeded synthetic datasets for the kernel tests. */
final class TestData {
  private TestData() {}

  /** Uniform features in [-1, 1] and uniform class labels in [0, classes): noise, for mechanics. */
  static Dataset random(int rows, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * random.nextDouble() - 1);
    }
    for (int i = 0; i < rows; i++) {
      y[i] = random.nextInt(classes);
    }
    return new Dataset(rows, features, x, y);
  }

  /** Two classes split by the hyperplane {@code sum_k w_k x_k + 0.3 = 0}, with a margin. */
  static Dataset separable(int rows, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[features];
    for (int k = 0; k < features; k++) {
      w[k] = 2 * random.nextDouble() - 1;
    }
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    int row = 0;
    while (row < rows) {
      double s = 0.3;
      for (int k = 0; k < features; k++) {
        x[row * features + k] = (float) (2 * random.nextDouble() - 1);
        s += w[k] * x[row * features + k];
      }
      if (Math.abs(s) > 0.1) {
        y[row++] = s > 0 ? 1 : 0;
      }
    }
    return new Dataset(rows, features, x, y);
  }

  /** Gaussian-ish blobs around one centre per class. */
  static Dataset blobs(int rows, int features, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] centres = new double[classes][features];
    for (double[] centre : centres) {
      for (int k = 0; k < features; k++) {
        centre[k] = 4 * random.nextDouble() - 2;
      }
    }
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      int c = random.nextInt(classes);
      y[i] = c;
      for (int k = 0; k < features; k++) {
        double noise = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5;
        x[i * features + k] = (float) (centres[c][k] + 0.3 * noise);
      }
    }
    return new Dataset(rows, features, x, y);
  }

  /** {@code y = coefficients . x + intercept} plus small noise. */
  static Dataset linear(int rows, double[] coefficients, double intercept, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int features = coefficients.length;
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      double s = intercept;
      for (int k = 0; k < features; k++) {
        float v = (float) (2 * random.nextDouble() - 1);
        x[i * features + k] = v;
        s += coefficients[k] * v;
      }
      y[i] = (float) (s + 0.01 * (random.nextDouble() - 0.5));
    }
    return new Dataset(rows, features, x, y);
  }

  /** Two concentric rings, inner class 0 and outer class 1: not linearly separable. */
  static Dataset circles(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      int c = i % 2;
      double radius = (c == 0 ? 0.5 : 1.0) + 0.1 * (random.nextDouble() - 0.5);
      double angle = 2 * Math.PI * random.nextDouble();
      x[2 * i] = (float) (radius * Math.cos(angle));
      x[2 * i + 1] = (float) (radius * Math.sin(angle));
      y[i] = c;
    }
    return new Dataset(rows, 2, x, y);
  }
}
