package io.axon.bench.lr;

/** Cumulative seconds and holdout accuracy after each epoch or round of an in-process run. */
public final class Curve {
  private final double[] seconds;
  private final double[] accuracy;
  private int size;

  Curve(int capacity) {
    seconds = new double[capacity];
    accuracy = new double[capacity];
  }

  void add(double s, double a) {
    seconds[size] = s;
    accuracy[size] = a;
    size++;
  }

  public int size() {
    return size;
  }

  public double seconds(int step) {
    return seconds[step - 1];
  }

  public double accuracy(int step) {
    return accuracy[step - 1];
  }

  public double lastAccuracy() {
    return accuracy[size - 1];
  }

  /** Seconds to the first step at or above {@code target}; NaN if none. */
  public double secondsTo(double target) {
    int step = stepsTo(target);
    return step < 0 ? Double.NaN : seconds(step);
  }

  /** The first step (1-based) at or above {@code target}; -1 if none. */
  public int stepsTo(double target) {
    for (int i = 0; i < size; i++) {
      if (accuracy[i] >= target) {
        return i + 1;
      }
    }
    return -1;
  }
}
