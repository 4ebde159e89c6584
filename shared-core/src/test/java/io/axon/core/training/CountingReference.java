package io.axon.core.training;

import io.axon.core.data.Dataset;
import java.util.SplittableRandom;

/**
 * A slow, obvious re-implementation of {@link DenseKernel#train} on the {@link ModelSpec} layout,
 * one row at a time, that counts each floating-point operation as it performs it. Tests compare its
 * count with {@link Kernel#flops} and its result with the kernel's, bit for bit.
 */
final class CountingReference {
  long flops;
  double meanLoss;

  private double add(double a, double b) {
    flops++;
    return a + b;
  }

  private double sub(double a, double b) {
    flops++;
    return a - b;
  }

  private double mul(double a, double b) {
    flops++;
    return a * b;
  }

  private double div(double a, double b) {
    flops++;
    return a / b;
  }

  private double exp(double a) {
    flops++;
    return StrictMath.exp(a);
  }

  private double log(double a) {
    flops++;
    return StrictMath.log(a);
  }

  double[] train(
      ModelSpec spec, double[] start, Dataset data, Hyperparameters h, int epochs, long seed) {
    int[] widths = spec.layerWidths();
    int layers = widths.length - 1;
    int[] wo = new int[layers];
    int[] bo = new int[layers];
    int offset = 0;
    boolean[] isWeight = new boolean[spec.parameterCount()];
    for (int l = 0; l < layers; l++) {
      wo[l] = offset;
      for (int i = 0; i < widths[l] * widths[l + 1]; i++) {
        isWeight[offset + i] = true;
      }
      bo[l] = offset + widths[l] * widths[l + 1];
      offset = bo[l] + widths[l + 1];
    }
    int p = spec.parameterCount();
    double[] w = start.clone();
    double[] v = new double[p];
    int rows = data.rows();
    int batch = Math.min(h.batchSize(), rows);
    SplittableRandom seeds = new SplittableRandom(seed);
    int[] order = new int[rows];
    for (int epoch = 0; epoch < epochs; epoch++) {
      DenseKernel.shuffle(order, seeds.split());
      double epochLoss = 0.0;
      for (int from = 0; from < rows; from += batch) {
        int to = Math.min(rows, from + batch);
        int n = to - from;
        double[] total = null;
        double batchLoss = 0.0;
        for (int bf = from; bf < to; bf += Network.BLOCK_ROWS) {
          int bt = Math.min(to, bf + Network.BLOCK_ROWS);
          double[] g = new double[p];
          double blockLoss = 0.0;
          double product = 1.0;
          for (int i = bf; i < bt; i++) {
            int row = order[i];
            double[][] act = new double[layers + 1][];
            act[0] = new double[widths[0]];
            for (int k = 0; k < widths[0]; k++) {
              act[0][k] = data.x()[row * widths[0] + k];
            }
            for (int l = 0; l < layers; l++) {
              int in = widths[l];
              int out = widths[l + 1];
              act[l + 1] = new double[out];
              for (int o = 0; o < out; o++) {
                double z = w[bo[l] + o];
                for (int k = 0; k < in; k++) {
                  z = add(z, mul(act[l][k], w[wo[l] + o * in + k]));
                }
                act[l + 1][o] = l < layers - 1 && !(z > 0) ? 0.0 : z;
              }
            }
            double[] z = act[layers];
            double y = data.y()[row];
            double[] d = new double[z.length];
            switch (spec.kind()) {
              case LINEAR -> {
                double residual = sub(z[0], y);
                blockLoss = add(blockLoss, mul(mul(0.5, residual), residual));
                d[0] = residual;
              }
              case LOGISTIC -> {
                double e = exp(z[0] >= 0 ? -z[0] : z[0]);
                double onePlusE = add(1.0, e);
                double prob = div(z[0] >= 0 ? 1.0 : e, onePlusE);
                product = mul(product, onePlusE);
                blockLoss = add(blockLoss, sub(z[0] > 0 ? z[0] : 0.0, mul(y, z[0])));
                d[0] = sub(prob, y);
              }
              case SOFTMAX, MLP -> {
                double max = z[0];
                for (double value : z) {
                  max = Math.max(max, value);
                }
                double sum = 0.0;
                for (int j = 0; j < z.length; j++) {
                  d[j] = exp(sub(z[j], max));
                  sum = add(sum, d[j]);
                }
                blockLoss = add(blockLoss, sub(log(sum), sub(z[(int) y], max)));
                for (int j = 0; j < z.length; j++) {
                  d[j] = div(d[j], sum);
                }
                d[(int) y] = sub(d[(int) y], 1.0);
              }
            }
            for (int l = layers - 1; l >= 0; l--) {
              int in = widths[l];
              int out = widths[l + 1];
              for (int o = 0; o < out; o++) {
                for (int k = 0; k < in; k++) {
                  g[wo[l] + o * in + k] = add(g[wo[l] + o * in + k], mul(act[l][k], d[o]));
                }
                g[bo[l] + o] = add(g[bo[l] + o], d[o]);
              }
              if (l > 0) {
                double[] below = new double[in];
                for (int k = 0; k < in; k++) {
                  double s = 0.0;
                  for (int o = 0; o < out; o++) {
                    s = add(s, mul(w[wo[l] + o * in + k], d[o]));
                  }
                  below[k] = act[l][k] > 0 ? s : 0.0;
                }
                d = below;
              }
            }
          }
          if (spec.kind() == ModelKind.LOGISTIC) {
            blockLoss = add(blockLoss, log(product));
          }
          batchLoss = add(batchLoss, blockLoss);
          if (total == null) {
            total = g;
          } else {
            for (int i = 0; i < p; i++) {
              total[i] = add(total[i], g[i]);
            }
          }
        }
        for (int i = 0; i < p; i++) {
          double mean = div(total[i], n);
          total[i] = isWeight[i] ? add(mean, mul(h.l2(), w[i])) : mean;
        }
        for (int i = 0; i < p; i++) {
          v[i] = sub(mul(h.momentum(), v[i]), mul(h.learningRate(), total[i]));
          w[i] = add(w[i], v[i]);
        }
        epochLoss = add(epochLoss, batchLoss);
      }
      meanLoss = div(epochLoss, rows);
    }
    return w;
  }
}
