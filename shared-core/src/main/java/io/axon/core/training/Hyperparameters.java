package io.axon.core.training;

/**
 * Mini-batch SGD settings shared by every kernel.
 *
 * @param learningRate step size, in (0, 10]
 * @param momentum classical (heavy-ball) momentum, in [0, 1)
 * @param l2 L2 weight decay on weights (not biases), in [0, 1]
 * @param batchSize rows per mini-batch, 1 to 65536
 */
public record Hyperparameters(double learningRate, double momentum, double l2, int batchSize) {
  public Hyperparameters {
    if (!(learningRate > 0 && learningRate <= 10)) {
      throw new IllegalArgumentException("learningRate must be in (0, 10], got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(l2 >= 0 && l2 <= 1)) {
      throw new IllegalArgumentException("l2 must be in [0, 1], got " + l2);
    }
    if (batchSize < 1 || batchSize > 65536) {
      throw new IllegalArgumentException("batchSize must be in [1, 65536], got " + batchSize);
    }
  }
}
