package io.axon.core.training;

import io.axon.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mini-batch SGD with classical momentum and L2 for every {@link ModelKind}.
 *
 * <p><b>One step.</b> A mini-batch is cut into blocks of {@link Network#BLOCK_ROWS} rows. Each
 * block's gradient sum goes into its own buffer; the buffers are then added in block order, so the
 * sum does not depend on which thread computed which block. With {@code n} rows in the batch, the
 * step is, per parameter: {@code g = sum/n (+ l2*w for weights)}, {@code v = momentum*v -
 * learningRate*g}, {@code w = w + v}. Momentum starts at zero for each call to {@code train}, or
 * comes from the {@link TrainingCheckpoint} it resumes from.
 *
 * <p><b>Order.</b> A {@link SplittableRandom} seeded with the work unit's seed is split once per
 * epoch; the split shuffles the order of the data's fixed blocks of {@link Network#BLOCK_ROWS}
 * consecutive rows (Fisher-Yates over block indices) for that epoch, and the rows of a block are
 * visited in data order; see {@link #shuffle}.
 *
 * <p><b>Counting.</b> {@link #flops} counts every double addition, subtraction, multiplication,
 * division, {@code exp} and {@code log} as one operation. Comparisons, max, sign changes, ReLU,
 * float-to-double conversions, integer and index arithmetic and the shuffle count zero. Per
 * mini-batch of {@code n} rows in {@code b} blocks, over {@code P} parameters of which {@code W}
 * are weights: {@code n*rowFlops + b*blockFlops} for the blocks, {@code (b-1)*P} to add the block
 * buffers, {@code b} to add the block losses, {@code P} divisions by {@code n}, {@code 2W} for L2,
 * {@code 4P} for the momentum step and 1 to add the batch loss to the epoch's; plus one division
 * per epoch for the mean loss.
 */
final class DenseKernel implements Kernel {
  private final ModelSpec spec;
  private final Network network;

  DenseKernel(ModelSpec spec) {
    this(new Network(spec));
  }

  DenseKernel(Network network) {
    this.spec = network.spec;
    this.network = network;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  /**
   * Linear models start at zero (their losses are convex). MLP weights are uniform in {@code
   * ±sqrt(6/in)} (He) for ReLU layers and {@code ±sqrt(6/(in+out))} (Glorot) for the output layer,
   * drawn layer by layer, row by row from a {@link SplittableRandom} seeded with {@code seed};
   * biases start at zero.
   */
  @Override
  public Model initialize(long seed) {
    double[] w = new double[network.parameterCount];
    if (spec.kind() == ModelKind.MLP) {
      SplittableRandom random = new SplittableRandom(seed);
      int[] widths = network.widths;
      int offset = 0;
      for (int l = 0; l < network.layers; l++) {
        int in = widths[l];
        int out = widths[l + 1];
        boolean output = l == network.layers - 1;
        double limit = StrictMath.sqrt(6.0 / (output ? in + out : in));
        for (int i = 0; i < in * out; i++) {
          w[offset + i] = (2.0 * random.nextDouble() - 1.0) * limit;
        }
        offset += in * out + out;
      }
    }
    return Model.of(spec, w);
  }

  @Override
  public TrainingResult train(
      Model start,
      Dataset data,
      Hyperparameters hyperparameters,
      int epochs,
      long seed,
      int threads,
      TrainingListener listener,
      TrainingCheckpoint resumeFrom) {
    if (!start.spec().equals(spec)) {
      throw new IllegalArgumentException(
          "model is a " + start.spec() + " but this kernel trains " + spec);
    }
    checkData(data);
    if (data.rows() == 0) {
      throw new IllegalArgumentException("cannot train on a dataset with no rows");
    }
    if (hyperparameters == null) {
      throw new IllegalArgumentException("hyperparameters are required");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    TrainingListener events = listener == null ? TrainingListener.NONE : listener;
    Run run = new Run(start, data, hyperparameters, epochs, seed);
    int rows = data.rows();
    int batchSize = TrainingCheckpoint.batchRows(rows, hyperparameters);
    int batches = TrainingCheckpoint.batchesPerEpoch(rows, hyperparameters);
    int firstEpoch = 1;
    int firstBatch = 0;
    double resumedLoss = 0.0;
    double[][] w;
    double[][] velocity;
    if (resumeFrom == null) {
      w = network.toSegments(start.parameters());
      velocity = network.newSegments();
    } else {
      resumeFrom.checkBelongsTo(spec, hyperparameters, epochs, seed, rows, run.digest());
      w = network.toSegments(resumeFrom.parametersUnsafe());
      velocity = network.toSegments(resumeFrom.velocityUnsafe());
      firstEpoch = resumeFrom.epoch();
      firstBatch = resumeFrom.batch();
      resumedLoss = resumeFrom.epochLoss();
    }
    int maxBlocks = blocks(batchSize);
    int workers = Math.min(threads, maxBlocks);
    double[][] gradient = network.newSegments();
    try (BatchGradient gradients = new BatchGradient(workers, maxBlocks)) {
      SplittableRandom epochSeeds = new SplittableRandom(seed);
      for (int epoch = 1; epoch < firstEpoch; epoch++) {
        epochSeeds.split(); // epoch e shuffles with the e-th split, whether resumed or not
      }
      int[] order = new int[rows];
      double meanLoss = Double.NaN;
      for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
        shuffle(order, epochSeeds.split());
        boolean resumed = epoch == firstEpoch;
        double epochLoss = resumed ? resumedLoss : 0.0;
        for (int b = resumed ? firstBatch : 0; b < batches; b++) {
          if (events.checkpointDue()) {
            events.checkpoint(run.checkpoint(epoch, b, epochLoss, w, velocity));
          }
          awaitPermission(events);
          if (events.isCancelled()) {
            throw new TrainingListener.CancelledException();
          }
          int from = b * batchSize;
          int to = Math.min(rows, from + batchSize);
          epochLoss +=
              batch(gradients, w, velocity, gradient, data, order, from, to, hyperparameters);
          events.batchFinished(epoch, epochs, b + 1, batches);
        }
        meanLoss = epochLoss / rows;
        events.epochFinished(epoch, epochs, meanLoss);
      }
      return new TrainingResult(
          Model.of(spec, network.toFlat(w)),
          meanLoss,
          (long) rows * epochs,
          flops(rows, epochs, hyperparameters.batchSize()));
    }
  }

  private static void awaitPermission(TrainingListener events) {
    try {
      events.awaitPermission();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingListener.CancelledException();
    }
  }

  /** What names one run, for its checkpoints; the digest of start model and data is lazy. */
  private final class Run {
    private final Model start;
    private final Dataset data;
    private final Hyperparameters hyperparameters;
    private final int epochs;
    private final long seed;
    private byte[] digest;

    Run(Model start, Dataset data, Hyperparameters hyperparameters, int epochs, long seed) {
      this.start = start;
      this.data = data;
      this.hyperparameters = hyperparameters;
      this.epochs = epochs;
      this.seed = seed;
    }

    byte[] digest() {
      if (digest == null) {
        digest = TrainingCheckpoint.runDigest(start, data);
      }
      return digest;
    }

    TrainingCheckpoint checkpoint(
        int epoch, int batch, double epochLoss, double[][] w, double[][] velocity) {
      return new TrainingCheckpoint(
          spec,
          seed,
          epochs,
          hyperparameters,
          data.rows(),
          digest(),
          epoch,
          batch,
          epochLoss,
          network.toFlat(w),
          network.toFlat(velocity));
    }
  }

  @Override
  public Evaluation evaluate(Model model, Dataset data) {
    if (!model.spec().equals(spec)) {
      throw new IllegalArgumentException(
          "model is a " + model.spec() + " but this kernel evaluates " + spec);
    }
    checkData(data);
    int rows = data.rows();
    if (rows == 0) {
      return new Evaluation(Double.NaN, Double.NaN, 0);
    }
    double[][] w = network.toSegments(model.parameters());
    Network.Workspace ws = network.newWorkspace();
    long[] correct = new long[1];
    double loss = 0.0;
    for (int from = 0; from < rows; from += Network.BLOCK_ROWS) {
      int to = Math.min(rows, from + Network.BLOCK_ROWS);
      loss += network.blockLoss(w, data, from, to, ws, correct);
    }
    double accuracy = spec.kind().isClassifier() ? (double) correct[0] / rows : Double.NaN;
    return new Evaluation(loss / rows, accuracy, rows);
  }

  @Override
  public long flops(int rows, int epochs, int batchSize) {
    if (rows < 0 || epochs < 0 || batchSize < 1) {
      throw new IllegalArgumentException(
          "need rows >= 0, epochs >= 0 and batchSize >= 1, got "
              + rows
              + ", "
              + epochs
              + ", "
              + batchSize);
    }
    if (rows == 0 || epochs == 0) {
      return 0;
    }
    int batch = Math.min(batchSize, rows);
    long perEpoch = 1; // mean loss
    int full = rows / batch;
    int rest = rows % batch;
    perEpoch += full * batchFlops(batch);
    if (rest > 0) {
      perEpoch += batchFlops(rest);
    }
    return Math.multiplyExact(perEpoch, (long) epochs);
  }

  /**
   * The flops of {@link BatchGradient#compute} plus {@link #step} for a batch of {@code n} rows.
   */
  private long batchFlops(int n) {
    long p = network.parameterCount;
    long b = blocks(n);
    return n * network.rowFlops()
        + b * network.blockFlops()
        + (b - 1) * p // add block buffers
        + b // add block losses
        + p // divide by n
        + 2L * network.weightCount // L2
        + 4 * p // momentum step
        + 1; // batch loss into epoch loss
  }

  Network network() {
    return network;
  }

  /**
   * The regularized mean gradient over all rows of {@code data} in their natural order, as one
   * batch, exactly as {@link #train} computes it; for gradient checks. Spec layout in and out.
   */
  double[] gradient(double[] parameters, Dataset data, double l2) {
    double[][] w = network.toSegments(parameters);
    double[][] gradient = network.newSegments();
    try (BatchGradient batch = new BatchGradient(1, blocks(data.rows()))) {
      int[] order = new int[data.rows()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      batch.sum(w, data, order, 0, order.length, gradient);
      if (batch.last() != null) {
        addAndZero(gradient, batch.last());
      }
      for (int s = 0; s < gradient.length; s++) {
        double[] gs = gradient[s];
        double[] ws = w[s];
        boolean weights = network.isWeight(s);
        for (int i = 0; i < gs.length; i++) {
          gs[i] = weights ? gs[i] / order.length + l2 * ws[i] : gs[i] / order.length;
        }
      }
    }
    return network.toFlat(gradient);
  }

  /** Mean loss plus {@code l2/2 * |weights|^2}: the objective whose gradient SGD follows. */
  double objective(double[] w, Dataset data, double l2) {
    double penalty = 0;
    double[][] segments = network.toSegments(w);
    for (int s = 0; s < segments.length; s++) {
      if (network.isWeight(s)) {
        for (double value : segments[s]) {
          penalty += value * value;
        }
      }
    }
    return evaluate(Model.of(spec, w), data).loss() + 0.5 * l2 * penalty;
  }

  private void checkData(Dataset data) {
    if (data.features() != spec.inputs()) {
      throw new IllegalArgumentException(
          "dataset has " + data.features() + " features but the model takes " + spec.inputs());
    }
    float[] y = data.y();
    int row =
        switch (spec.kind()) {
          case LINEAR -> firstNonFinite(y);
          case LOGISTIC -> firstNotBinary(y);
          case SOFTMAX, MLP -> firstNotClass(y, spec.outputs());
        };
    if (row >= 0) {
      throw new IllegalArgumentException(
          "row "
              + (row + 1)
              + " has label "
              + y[row]
              + ", not valid for "
              + spec.kind()
              + " with "
              + spec.outputs()
              + " output(s)");
    }
  }

  private static int firstNonFinite(float[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNotBinary(float[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] == 0f | y[i] == 1f)) { // non-short-circuit: no mispredicted branch per label
        return i;
      }
    }
    return -1;
  }

  private static int firstNotClass(float[] y, int classes) {
    for (int i = 0; i < y.length; i++) {
      float label = y[i];
      if (!(label >= 0 && label < classes && label == (int) label)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * One mini-batch: gradient and step; returns the batch's summed loss. A method of its own so that
   * the JIT compiles the per-batch work as a normal method, not only as an on-stack replacement of
   * the long-running epoch loop, which it optimizes less well.
   */
  private double batch(
      BatchGradient batches,
      double[][] w,
      double[][] velocity,
      double[][] gradient,
      Dataset data,
      int[] order,
      int from,
      int to,
      Hyperparameters hyperparameters) {
    double loss = batches.sum(w, data, order, from, to, gradient);
    step(w, velocity, gradient, batches.last(), to - from, hyperparameters);
    return loss;
  }

  /**
   * The SGD step from the summed gradient {@code g} (plus the pending last block buffer {@code
   * extra}, if any) of {@code n} rows, per parameter: {@code mean = (g + extra)/n (+ l2*w for
   * weights)}, {@code v = momentum*v - learningRate*mean}, {@code w = w + v}. One pass over memory,
   * which also zeroes {@code g} and {@code extra} for the next batch.
   */
  private void step(
      double[][] w, double[][] v, double[][] g, double[][] extra, int n, Hyperparameters h) {
    double momentum = h.momentum();
    double rate = h.learningRate();
    for (int s = 0; s < w.length; s++) {
      double[] ws = w[s];
      double[] vs = v[s];
      double[] gs = g[s];
      double l2 = network.isWeight(s) ? h.l2() : 0.0;
      boolean weights = network.isWeight(s);
      if (extra != null) {
        double[] es = extra[s];
        for (int i = 0; i < ws.length; i++) {
          double sum = gs[i] + es[i];
          double mean = weights ? sum / n + l2 * ws[i] : sum / n;
          vs[i] = momentum * vs[i] - rate * mean;
          ws[i] += vs[i];
          gs[i] = 0.0;
          es[i] = 0.0;
        }
      } else {
        for (int i = 0; i < ws.length; i++) {
          double mean = weights ? gs[i] / n + l2 * ws[i] : gs[i] / n;
          vs[i] = momentum * vs[i] - rate * mean;
          ws[i] += vs[i];
          gs[i] = 0.0;
        }
      }
    }
  }

  /**
   * The epoch's visiting order, shuffled by blocks: the rows are cut into fixed blocks of {@link
   * Network#BLOCK_ROWS} consecutive rows (the last one may be shorter), the block indices are
   * shuffled by Fisher-Yates from the identity, and {@code order} lists the rows block by block,
   * each block's rows in data order. Memory is then read sequentially within a block (the hardware
   * prefetches it), and there is one draw per block instead of one per row. Mini-batches stay
   * random in composition because a shard's rows were already shuffled once by the coordinator
   * ({@code Splits.holdout}) before it was cut.
   *
   * <p>Bounded draws use Lemire's multiply-and-reject method on {@link SplittableRandom#nextInt()},
   * written out here so that the order depends only on the generator's specified output, not on a
   * library's bounded-draw implementation.
   */
  static void shuffle(int[] order, SplittableRandom random) {
    int rows = order.length;
    int[] blocks = new int[blocks(rows)];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = i;
    }
    for (int i = blocks.length - 1; i > 0; i--) {
      int j = below(random, i + 1);
      int t = blocks[i];
      blocks[i] = blocks[j];
      blocks[j] = t;
    }
    int next = 0;
    for (int block : blocks) {
      int first = block * Network.BLOCK_ROWS;
      int end = Math.min(rows, first + Network.BLOCK_ROWS);
      for (int row = first; row < end; row++) {
        order[next++] = row;
      }
    }
  }

  /** A uniform int in [0, bound), bound >= 1 (Lemire 2019, "Fast random integer generation"). */
  static int below(SplittableRandom random, int bound) {
    long product = (random.nextInt() & 0xffffffffL) * bound;
    long low = product & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        product = (random.nextInt() & 0xffffffffL) * bound;
        low = product & 0xffffffffL;
      }
    }
    return (int) (product >>> 32);
  }

  /** {@code total += buffer} element by element, then {@code buffer = 0}. */
  private static void addAndZero(double[][] total, double[][] buffer) {
    for (int s = 0; s < total.length; s++) {
      double[] ts = total[s];
      double[] bs = buffer[s];
      for (int i = 0; i < ts.length; i++) {
        ts[i] += bs[i];
        bs[i] = 0.0;
      }
    }
  }

  private static int blocks(int rows) {
    return (rows + Network.BLOCK_ROWS - 1) / Network.BLOCK_ROWS;
  }

  /**
   * Computes one mini-batch's gradient. Blocks are computed in waves of up to {@code
   * buffers.length} blocks (threads take blocks round-robin), and their buffers are added to the
   * total in block order after each wave. Block 0 of a batch is computed directly into the total.
   */
  private final class BatchGradient implements AutoCloseable {
    private final int workers;
    private final ExecutorService pool;
    private final Network.Workspace[] workspaces;
    private final double[][][] buffers;
    private final double[] blockLosses;
    private final List<Future<?>> pending = new ArrayList<>();
    private double[][] last;

    BatchGradient(int workers, int maxBlocks) {
      this.workers = workers;
      this.pool = workers > 1 ? Executors.newFixedThreadPool(workers - 1, new Daemons()) : null;
      this.workspaces = new Network.Workspace[workers];
      for (int t = 0; t < workers; t++) {
        workspaces[t] = network.newWorkspace();
      }
      int wave = Math.min(maxBlocks, 4 * workers);
      this.buffers = new double[wave][][];
      for (int b = 0; b < wave; b++) {
        buffers[b] = network.newSegments();
      }
      this.blockLosses = new double[wave];
    }

    /**
     * Sums the gradient of the batch into {@code total}, except the last block's buffer when the
     * batch has more than one block: that one is left in {@link #last} for the caller to add in its
     * own pass (the step, saving a pass over memory). Returns the summed row loss.
     *
     * <p>{@code total} and every buffer must be zero on entry; buffers are zeroed as they are
     * added, and the caller zeroes {@code total} and {@code last} when it consumes them.
     */
    double sum(double[][] w, Dataset data, int[] order, int from, int to, double[][] total) {
      int n = to - from;
      int blocks = blocks(n);
      double loss = 0.0;
      last = null;
      for (int waveStart = 0; waveStart < blocks; waveStart += buffers.length) {
        int waveEnd = Math.min(blocks, waveStart + buffers.length);
        runWave(w, data, order, from, to, waveStart, waveEnd, total);
        for (int b = waveStart; b < waveEnd; b++) {
          loss += blockLosses[b - waveStart];
          if (b == blocks - 1 && b > 0) {
            last = buffers[b - waveStart];
          } else if (b > 0) {
            addAndZero(total, buffers[b - waveStart]);
          }
        }
      }
      return loss;
    }

    /** The last block's gradient buffer of the latest {@link #sum}, not yet added; or null. */
    double[][] last() {
      return last;
    }

    private void runWave(
        double[][] w,
        Dataset data,
        int[] order,
        int from,
        int to,
        int waveStart,
        int waveEnd,
        double[][] total) {
      int threads = Math.min(workers, waveEnd - waveStart);
      pending.clear();
      for (int t = 1; t < threads; t++) {
        int thread = t;
        pending.add(
            pool.submit(
                () ->
                    runBlocks(
                        w, data, order, from, to, waveStart, waveEnd, thread, threads, total)));
      }
      runBlocks(w, data, order, from, to, waveStart, waveEnd, 0, threads, total);
      try {
        for (Future<?> f : pending) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrainingListener.CancelledException();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }

    private void runBlocks(
        double[][] w,
        Dataset data,
        int[] order,
        int from,
        int to,
        int waveStart,
        int waveEnd,
        int thread,
        int threads,
        double[][] total) {
      Network.Workspace ws = workspaces[thread];
      for (int b = waveStart + thread; b < waveEnd; b += threads) {
        double[][] target = b == 0 ? total : buffers[b - waveStart];
        int blockFrom = from + b * Network.BLOCK_ROWS;
        int blockTo = Math.min(to, blockFrom + Network.BLOCK_ROWS);
        blockLosses[b - waveStart] =
            network.blockGradient(w, data, order, blockFrom, blockTo, target, ws);
      }
    }

    @Override
    public void close() {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static final class Daemons implements java.util.concurrent.ThreadFactory {
    private static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "axon-kernel-" + COUNT.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
