package io.axon.core.training;

import io.axon.core.data.Dataset;

/**
 * The arithmetic of one dense network on a block of rows: forward pass, loss, and the gradient of
 * the summed loss. Every {@link ModelKind} is a special case: LOGISTIC, SOFTMAX and LINEAR are a
 * single layer with a sigmoid, softmax or identity head; MLP adds ReLU hidden layers.
 *
 * <p>Each value is computed in one fixed order, whatever thread runs the block, so results are
 * identical to the bit. Only {@link StrictMath} is used for transcendental functions. The
 * floating-point operations are counted in {@link #rowFlops()} and {@link #blockFlops()}; keep them
 * in step with the code.
 *
 * <p><b>Working layout.</b> While training, parameters live in <em>segments</em>, one array each,
 * so that the hot loops index from zero and the JIT turns them into vector code. In the general
 * layout each layer has {@code in} weight segments of length {@code out} (input-major: segment
 * {@code k} holds {@code W[0][k], W[1][k], ...}) followed by one bias segment. A layer computes
 * {@code z[o] = b[o] + a[0]*W[o][0] + a[1]*W[o][1] + ...} in that order either way. LOGISTIC and
 * LINEAR use a fused layout of one weight segment of length {@code in} and one bias segment.
 */
final class Network {
  /** Rows per gradient block. A constant: it fixes the summation order, so never derive it. */
  static final int BLOCK_ROWS = 32;

  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  /** Inputs per cache-blocked pass of the forward step; a multiple of 4, changes no result. */
  private static final int INPUT_CHUNK = 16;

  enum Head {
    /** One logit, sigmoid, log loss. */
    SIGMOID_LOG_LOSS,
    /** One logit per class, softmax, cross-entropy. */
    SOFTMAX_CROSS_ENTROPY,
    /** One real output, loss (z - y)^2 / 2. */
    SQUARED_ERROR
  }

  final ModelSpec spec;
  final Head head;
  final int[] widths;
  final int layers;
  final int parameterCount;

  /** Number of parameters that are weights (L2 applies to them), not biases. */
  final int weightCount;

  /** LOGISTIC and LINEAR take the fused single-output path and layout. */
  private final boolean singleOutput;

  /** Index of the first segment of each layer (general layout). */
  private final int[] firstSegment;

  private final int[] segmentLength;
  private final boolean[] segmentIsWeight;

  Network(ModelSpec spec) {
    this(spec, true);
  }

  /** {@code fused = false} forces the general path, so tests can compare the two. */
  Network(ModelSpec spec, boolean fused) {
    this.spec = spec;
    this.head =
        switch (spec.kind()) {
          case LOGISTIC -> Head.SIGMOID_LOG_LOSS;
          case LINEAR -> Head.SQUARED_ERROR;
          case SOFTMAX, MLP -> Head.SOFTMAX_CROSS_ENTROPY;
        };
    this.widths = spec.layerWidths();
    this.layers = widths.length - 1;
    this.parameterCount = spec.parameterCount();
    this.singleOutput = fused && layers == 1 && widths[1] == 1;
    this.firstSegment = new int[layers];
    int weights = 0;
    int segments = 0;
    for (int l = 0; l < layers; l++) {
      weights += widths[l] * widths[l + 1];
      firstSegment[l] = segments;
      segments += widths[l] + 1;
    }
    this.weightCount = weights;
    if (singleOutput) {
      segmentLength = new int[] {widths[0], 1};
      segmentIsWeight = new boolean[] {true, false};
    } else {
      segmentLength = new int[segments];
      segmentIsWeight = new boolean[segments];
      for (int l = 0; l < layers; l++) {
        for (int k = 0; k <= widths[l]; k++) {
          segmentLength[firstSegment[l] + k] = widths[l + 1];
          segmentIsWeight[firstSegment[l] + k] = k < widths[l];
        }
      }
    }
  }

  /** Zeroed parameters (or gradients, or momentum) in the working layout. */
  double[][] newSegments() {
    double[][] segments = new double[segmentLength.length][];
    for (int s = 0; s < segments.length; s++) {
      segments[s] = new double[segmentLength[s]];
    }
    return segments;
  }

  /** True if segment {@code s} holds weights (which get L2), false for biases. */
  boolean isWeight(int s) {
    return segmentIsWeight[s];
  }

  /** Converts parameters from the {@link ModelSpec} layout to the working layout. */
  double[][] toSegments(double[] flat) {
    double[][] p = newSegments();
    if (singleOutput) {
      System.arraycopy(flat, 0, p[0], 0, widths[0]);
      p[1][0] = flat[widths[0]];
      return p;
    }
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      int first = firstSegment[l];
      for (int o = 0; o < out; o++) {
        for (int k = 0; k < in; k++) {
          p[first + k][o] = flat[offset + o * in + k];
        }
      }
      offset += in * out;
      System.arraycopy(flat, offset, p[first + in], 0, out);
      offset += out;
    }
    return p;
  }

  /** The inverse of {@link #toSegments}. */
  double[] toFlat(double[][] p) {
    double[] flat = new double[parameterCount];
    if (singleOutput) {
      System.arraycopy(p[0], 0, flat, 0, widths[0]);
      flat[widths[0]] = p[1][0];
      return flat;
    }
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      int first = firstSegment[l];
      for (int o = 0; o < out; o++) {
        for (int k = 0; k < in; k++) {
          flat[offset + o * in + k] = p[first + k][o];
        }
      }
      offset += in * out;
      System.arraycopy(p[first + in], 0, flat, offset, out);
      offset += out;
    }
    return flat;
  }

  /** Scratch arrays for one thread: activations and deltas of a block, per layer and row. */
  final class Workspace {
    final double[][][] act = new double[layers + 1][][];
    final double[][][] delta = new double[layers + 1][][];

    /** Single-output path: where each row of the block starts in the data, and its label. */
    final int[] rowsBase;

    final double[] rowsY;

    /** Single-output path: each row's output, then its delta. */
    final double[] rowsZ;

    Workspace() {
      rowsBase = singleOutput ? new int[BLOCK_ROWS] : null;
      rowsY = singleOutput ? new double[BLOCK_ROWS] : null;
      rowsZ = singleOutput ? new double[BLOCK_ROWS] : null;
      if (singleOutput) {
        return;
      }
      for (int l = 0; l <= layers; l++) {
        act[l] = new double[BLOCK_ROWS][widths[l]];
        delta[l] = l == 0 ? null : new double[BLOCK_ROWS][widths[l]];
      }
    }
  }

  Workspace newWorkspace() {
    return new Workspace();
  }

  /** Floating-point operations {@link #blockGradient} performs per row. */
  long rowFlops() {
    long flops = 0;
    for (int l = 0; l < layers; l++) {
      long in = widths[l];
      long out = widths[l + 1];
      flops += 2 * in * out; // forward: out sums of in products, started at the bias
      flops += 2 * in * out + out; // weight and bias gradients
      if (l > 0) {
        flops += 2 * in * out; // delta propagated to the layer below
      }
    }
    return flops
        + switch (head) {
          case SIGMOID_LOG_LOSS -> 8;
          case SQUARED_ERROR -> 4;
          case SOFTMAX_CROSS_ENTROPY -> 4L * widths[layers] + 5;
        };
  }

  /** Floating-point operations {@link #blockGradient} performs once per block. */
  long blockFlops() {
    return head == Head.SIGMOID_LOG_LOSS ? 2 : 0;
  }

  /**
   * Adds to {@code grad} (zeroed by the caller) the gradient of the summed loss of the rows {@code
   * order[from..to)} ({@code from..to} if {@code order} is null) and returns their summed loss. At
   * most {@link #BLOCK_ROWS} rows.
   */
  double blockGradient(
      double[][] w, Dataset data, int[] order, int from, int to, double[][] grad, Workspace ws) {
    if (singleOutput) {
      return singleOutputPass(w, data, order, from, to, grad, null, ws);
    }
    int rows = to - from;
    load(data, order, from, rows, ws.act[0]);
    forward(w, ws, rows);
    double loss = headLoss(data, order, from, rows, ws);
    backward(w, grad, ws, rows);
    return loss;
  }

  /**
   * Forward pass and loss only, for evaluation; returns the summed loss and adds the number of
   * correct predictions to {@code correct[0]}.
   */
  double blockLoss(double[][] w, Dataset data, int from, int to, Workspace ws, long[] correct) {
    if (singleOutput) {
      return singleOutputPass(w, data, null, from, to, null, correct, ws);
    }
    int rows = to - from;
    load(data, null, from, rows, ws.act[0]);
    forward(w, ws, rows);
    double loss = headLoss(data, null, from, rows, ws);
    if (head != Head.SQUARED_ERROR) {
      int k = widths[layers];
      double[][] z = ws.act[layers];
      for (int r = 0; r < rows; r++) {
        int label = (int) data.y()[from + r];
        int predicted;
        if (head == Head.SIGMOID_LOG_LOSS) {
          predicted = z[r][0] >= 0 ? 1 : 0;
        } else {
          predicted = 0;
          for (int j = 1; j < k; j++) {
            if (z[r][j] > z[r][predicted]) {
              predicted = j;
            }
          }
        }
        if (predicted == label) {
          correct[0]++;
        }
      }
    }
    return loss;
  }

  /**
   * LOGISTIC and LINEAR in one pass over the rows: the same operations in the same order as the
   * general path (so the same bits), without the copies and short loops that dominate when a row
   * has only a few features. Accumulates the gradient if {@code grad} is not null and counts
   * correct predictions if {@code correct} is not null.
   */
  private double singleOutputPass(
      double[][] w,
      Dataset data,
      int[] order,
      int from,
      int to,
      double[][] grad,
      long[] correct,
      Workspace ws) {
    int in = widths[0];
    int rows = to - from;
    // The rows are read in place (float to double conversions are exact and count no flop); the
    // epoch order visits whole blocks of consecutive rows, so this reads memory sequentially.
    int[] base = ws.rowsBase;
    double[] y = ws.rowsY;
    float[] x = data.x();
    float[] dataY = data.y();
    for (int r = 0; r < rows; r++) {
      int row = order == null ? from + r : order[from + r];
      base[r] = row * in;
      y[r] = dataY[row];
    }
    // Three passes over the block (sums, head, gradient) instead of one per row: each pass has
    // independent iterations the CPU can overlap. Per value, the order of operations is unchanged.
    double[] weights = w[0];
    double bias = w[1][0];
    double[] zs = ws.rowsZ;
    for (int r = 0; r < rows; r++) {
      int b = base[r];
      double z = bias;
      for (int k = 0; k < in; k++) {
        z += weights[k] * x[b + k]; // bias + w0*x0 + w1*x1 + ...
      }
      zs[r] = z;
    }
    double loss = 0.0;
    double product = 1.0;
    boolean logistic = head == Head.SIGMOID_LOG_LOSS;
    for (int r = 0; r < rows; r++) {
      double z = zs[r];
      double label = y[r];
      if (logistic) {
        // As in headLoss, with the sign tests done on the bits: no branch to mispredict on the
        // sign of z. (For z = -0.0 both forms give the same values.)
        long bits = Double.doubleToRawLongBits(z);
        long negative = bits >> 63; // all ones if the sign bit is set
        double e = StrictMath.exp(-Math.abs(z));
        double onePlusE = 1.0 + e;
        double numerator =
            Double.longBitsToDouble(
                (Double.doubleToRawLongBits(e) & negative) | (ONE_BITS & ~negative));
        double p = numerator / onePlusE;
        product *= onePlusE;
        loss += Double.longBitsToDouble(bits & ~negative) - label * z; // max(z, 0) - y*z
        zs[r] = p - label;
        if (correct != null && (z >= 0 ? 1.0 : 0.0) == label) {
          correct[0]++;
        }
      } else {
        double residual = z - label;
        loss += 0.5 * residual * residual;
        zs[r] = residual;
      }
    }
    if (grad != null) {
      accumulateGradient(grad, zs, x, base, in, rows);
    }
    return logistic ? loss + StrictMath.log(product) : loss;
  }

  /**
   * Single-output gradient: {@code g[k] += d[r] * x[base[r] + k]} and {@code bias += d[r]}, read in
   * place from the data, rows in order. Each sum still adds its rows one by one in row order (the
   * same bits as a row-by-row loop), but up to eight features are summed in one pass over the rows
   * with their running sums in registers, so the add chains of different features overlap instead
   * of waiting on memory.
   */
  private static void accumulateGradient(
      double[][] grad, double[] d, float[] x, int[] base, int in, int rows) {
    double[] g = grad[0];
    int k = 0;
    for (; k + 8 <= in; k += 8) {
      int x0 = k;
      double s0 = g[k];
      double s1 = g[k + 1];
      double s2 = g[k + 2];
      double s3 = g[k + 3];
      double s4 = g[k + 4];
      double s5 = g[k + 5];
      double s6 = g[k + 6];
      double s7 = g[k + 7];
      for (int r = 0; r < rows; r++) {
        double dr = d[r];
        int b = base[r] + x0;
        s0 += dr * x[b];
        s1 += dr * x[b + 1];
        s2 += dr * x[b + 2];
        s3 += dr * x[b + 3];
        s4 += dr * x[b + 4];
        s5 += dr * x[b + 5];
        s6 += dr * x[b + 6];
        s7 += dr * x[b + 7];
      }
      g[k] = s0;
      g[k + 1] = s1;
      g[k + 2] = s2;
      g[k + 3] = s3;
      g[k + 4] = s4;
      g[k + 5] = s5;
      g[k + 6] = s6;
      g[k + 7] = s7;
    }
    // The rest (at most seven features) and the bias, in one more pass.
    int rest = in - k;
    int x0 = k;
    double bias = grad[1][0];
    if (rest >= 4) {
      double s0 = g[k];
      double s1 = g[k + 1];
      double s2 = g[k + 2];
      double s3 = g[k + 3];
      for (int r = 0; r < rows; r++) {
        double dr = d[r];
        int b = base[r] + x0;
        s0 += dr * x[b];
        s1 += dr * x[b + 1];
        s2 += dr * x[b + 2];
        s3 += dr * x[b + 3];
        bias += dr;
      }
      g[k] = s0;
      g[k + 1] = s1;
      g[k + 2] = s2;
      g[k + 3] = s3;
      k += 4;
      rest -= 4;
      x0 += 4;
      if (rest > 0) {
        accumulateRest(g, d, x, base, k, rest, rows);
      }
    } else if (rest >= 2) {
      double s0 = g[k];
      double s1 = g[k + 1];
      for (int r = 0; r < rows; r++) {
        double dr = d[r];
        int b = base[r] + x0;
        s0 += dr * x[b];
        s1 += dr * x[b + 1];
        bias += dr;
      }
      g[k] = s0;
      g[k + 1] = s1;
      if (rest == 3) {
        accumulateRest(g, d, x, base, k + 2, 1, rows);
      }
    } else if (rest == 1) {
      double s0 = g[k];
      for (int r = 0; r < rows; r++) {
        double dr = d[r];
        int b = base[r] + x0;
        s0 += dr * x[b];
        bias += dr;
      }
      g[k] = s0;
    } else {
      for (int r = 0; r < rows; r++) {
        bias += d[r];
      }
    }
    grad[1][0] = bias;
  }

  /** {@code g[k..k+count)} as in {@link #accumulateGradient}, one feature per pass. */
  private static void accumulateRest(
      double[] g, double[] d, float[] x, int[] base, int k, int count, int rows) {
    for (int j = k; j < k + count; j++) {
      int xj = j;
      double s = g[j];
      for (int r = 0; r < rows; r++) {
        s += d[r] * x[base[r] + xj];
      }
      g[j] = s;
    }
  }

  private void load(Dataset data, int[] order, int from, int rows, double[][] a) {
    int in = widths[0];
    float[] x = data.x();
    for (int r = 0; r < rows; r++) {
      int base = (order == null ? from + r : order[from + r]) * in;
      double[] ar = a[r];
      for (int k = 0; k < in; k++) {
        ar[k] = x[base + k];
      }
    }
  }

  private void forward(double[][] w, Workspace ws, int rows) {
    for (int l = 0; l < layers; l++) {
      int in = widths[l];
      int out = widths[l + 1];
      int first = firstSegment[l];
      double[] bias = w[first + in];
      double[][] a = ws.act[l];
      double[][] z = ws.act[l + 1];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(bias, 0, z[r], 0, out);
      }
      // Four inputs per pass over the outputs: a quarter of the loads and stores of z. Java adds
      // left to right, so every output is still b + a0*w0 + a1*w1 + ... in input order.
      // Inputs in chunks of 16 weight rows (16 KB for 128 outputs), each chunk applied to every
      // row of the block while it is in L1: weights come from memory once per block.
      for (int k = 0; k < in; k += INPUT_CHUNK) {
        int kEnd = Math.min(in, k + INPUT_CHUNK);
        for (int r = 0; r < rows; r++) {
          accumulate(w, first, k, kEnd, out, a[r], z[r]);
        }
      }
      if (l < layers - 1) {
        for (int r = 0; r < rows; r++) {
          double[] zr = z[r];
          for (int o = 0; o < out; o++) {
            zr[o] = zr[o] > 0 ? zr[o] : 0.0; // ReLU: a comparison, not counted
          }
        }
      }
    }
  }

  private static void accumulate(
      double[][] w, int first, int from, int to, int out, double[] a0, double[] z0) {
    int k = from;
    for (; k + 4 <= to; k += 4) {
      double[] wa = w[first + k];
      double[] wb = w[first + k + 1];
      double[] wc = w[first + k + 2];
      double[] wd = w[first + k + 3];
      double a0a = a0[k];
      double a0b = a0[k + 1];
      double a0c = a0[k + 2];
      double a0d = a0[k + 3];
      for (int o = 0; o < out; o++) {
        z0[o] = z0[o] + a0a * wa[o] + a0b * wb[o] + a0c * wc[o] + a0d * wd[o];
      }
    }
    for (; k < to; k++) {
      double[] wk = w[first + k];
      double x0 = a0[k];
      for (int o = 0; o < out; o++) {
        z0[o] += x0 * wk[o];
      }
    }
  }

  /** Writes dLoss/dz of the output layer into {@code ws.delta[layers]}; returns the summed loss. */
  private double headLoss(Dataset data, int[] order, int from, int rows, Workspace ws) {
    double[][] z = ws.act[layers];
    double[][] d = ws.delta[layers];
    float[] y = data.y();
    double loss = 0.0;
    switch (head) {
      case SQUARED_ERROR -> {
        for (int r = 0; r < rows; r++) {
          double residual = z[r][0] - y[order == null ? from + r : order[from + r]]; // 1
          loss += 0.5 * residual * residual; // 3
          d[r][0] = residual;
        }
      }
      case SIGMOID_LOG_LOSS -> {
        // loss = max(z, 0) - y*z + log(1 + exp(-|z|)). The log terms of a block are summed as
        // one log of their product: each factor is in (1, 2], so 32 of them cannot overflow,
        // and it saves a log per row.
        double product = 1.0;
        for (int r = 0; r < rows; r++) {
          double zr = z[r][0];
          double label = y[order == null ? from + r : order[from + r]];
          double e = StrictMath.exp(zr >= 0 ? -zr : zr); // 1
          double onePlusE = 1.0 + e; // 1
          double p = (zr >= 0 ? 1.0 : e) / onePlusE; // 1
          product *= onePlusE; // 1
          loss += (zr > 0 ? zr : 0.0) - label * zr; // 3
          d[r][0] = p - label; // 1
        }
        loss += StrictMath.log(product); // 2 per block
      }
      case SOFTMAX_CROSS_ENTROPY -> {
        int k = widths[layers];
        for (int r = 0; r < rows; r++) {
          double[] zr = z[r];
          double[] dr = d[r];
          int label = (int) y[order == null ? from + r : order[from + r]];
          double max = zr[0];
          for (int j = 1; j < k; j++) {
            max = zr[j] > max ? zr[j] : max;
          }
          double sum = 0.0;
          for (int j = 0; j < k; j++) {
            double e = StrictMath.exp(zr[j] - max); // 2k
            dr[j] = e;
            sum += e; // k
          }
          loss += StrictMath.log(sum) - (zr[label] - max); // 4
          for (int j = 0; j < k; j++) {
            dr[j] = dr[j] / sum; // k
          }
          dr[label] -= 1.0; // 1
        }
      }
    }
    return loss;
  }

  private void backward(double[][] w, double[][] grad, Workspace ws, int rows) {
    for (int l = layers - 1; l >= 0; l--) {
      int in = widths[l];
      int out = widths[l + 1];
      int first = firstSegment[l];
      double[][] a = ws.act[l];
      double[][] d = ws.delta[l + 1];
      // grad[k][o] += a[r][k] * d[r][o], rows in order, four rows per pass over the gradient;
      // in chunks of gradient rows that stay in L1 for the whole block.
      for (int kc = 0; kc < in; kc += INPUT_CHUNK) {
        int kEnd = Math.min(in, kc + INPUT_CHUNK);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
          double[] d0 = d[r];
          double[] d1 = d[r + 1];
          double[] d2 = d[r + 2];
          double[] d3 = d[r + 3];
          double[] a0 = a[r];
          double[] a1 = a[r + 1];
          double[] a2 = a[r + 2];
          double[] a3 = a[r + 3];
          for (int k = kc; k < kEnd; k++) {
            double x0 = a0[k];
            double x1 = a1[k];
            double x2 = a2[k];
            double x3 = a3[k];
            double[] gk = grad[first + k];
            for (int o = 0; o < out; o++) {
              gk[o] = gk[o] + x0 * d0[o] + x1 * d1[o] + x2 * d2[o] + x3 * d3[o];
            }
          }
        }
        for (; r < rows; r++) {
          double[] d0 = d[r];
          double[] a0 = a[r];
          for (int k = kc; k < kEnd; k++) {
            double x0 = a0[k];
            double[] gk = grad[first + k];
            for (int o = 0; o < out; o++) {
              gk[o] += x0 * d0[o];
            }
          }
        }
      }
      double[] gb = grad[first + in];
      for (int r = 0; r < rows; r++) {
        double[] d0 = d[r];
        for (int o = 0; o < out; o++) {
          gb[o] += d0[o];
        }
      }
      if (l > 0) {
        for (int r = 0; r < rows; r++) {
          propagate(w, first, in, out, d[r], a[r], ws.delta[l][r]);
        }
      }
    }
  }

  /**
   * {@code below[k] = sum_o W[o][k] * d[o]}, from 0.0 in output order, masked by the ReLU of the
   * layer below. Four inputs at a time give four independent add chains.
   */
  private static void propagate(
      double[][] w, int first, int in, int out, double[] d, double[] a, double[] below) {
    int k = 0;
    for (; k + 4 <= in; k += 4) {
      double[] wa = w[first + k];
      double[] wb = w[first + k + 1];
      double[] wc = w[first + k + 2];
      double[] wd = w[first + k + 3];
      double sa = 0.0;
      double sb = 0.0;
      double sc = 0.0;
      double sd = 0.0;
      for (int o = 0; o < out; o++) {
        double dv = d[o];
        sa += wa[o] * dv;
        sb += wb[o] * dv;
        sc += wc[o] * dv;
        sd += wd[o] * dv;
      }
      below[k] = a[k] > 0 ? sa : 0.0; // ReLU derivative
      below[k + 1] = a[k + 1] > 0 ? sb : 0.0;
      below[k + 2] = a[k + 2] > 0 ? sc : 0.0;
      below[k + 3] = a[k + 3] > 0 ? sd : 0.0;
    }
    for (; k < in; k++) {
      double[] wk = w[first + k];
      double s = 0.0;
      for (int o = 0; o < out; o++) {
        s += wk[o] * d[o];
      }
      below[k] = a[k] > 0 ? s : 0.0;
    }
  }
}
