package io.axon.core.training;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a {@link Kernel#train} run stood between two mini-batches: enough to continue it later, in
 * another process or on another thread count, and get the same bits as a run never interrupted.
 *
 * <p>It holds the parameters and the momentum velocity, the position (the epoch in progress and the
 * index of its next mini-batch) and the loss summed over that epoch's finished mini-batches. The
 * epoch's block order is not stored: it is derived again from the seed and the epoch. The run it
 * belongs to is named by the spec, seed, epochs, hyperparameters, row count and a SHA-256 of the
 * start model and the data ({@link #runDigest()}); {@link Kernel#train(Model, Dataset,
 * Hyperparameters, int, long, int, TrainingListener, TrainingCheckpoint) train} refuses a
 * checkpoint of any other run with a {@link CheckpointException}.
 *
 * <p><b>Encoding</b>, version 1, little-endian, in the style of {@link ModelFormat}:
 *
 * <pre>
 * offset   size  field
 * 0        4     magic, ASCII "AXCK"
 * 4        2     format version, unsigned (1)
 * 6        1     model kind, as in ModelFormat
 * 7        1     hidden layer count h, unsigned
 * 8        4     inputs, int32
 * 12       4     outputs, int32
 * 16       4*h   hidden layer widths, int32 each
 * o=16+4h  8     seed, int64
 * o+8      4     epochs, int32
 * o+12     8     learning rate, float64
 * o+20     8     momentum, float64
 * o+28     8     l2, float64
 * o+36     4     batch size, int32 (as in the hyperparameters)
 * o+40     4     rows, int32
 * o+44     32    run digest: SHA-256 of the start model and the data
 * o+76     4     epoch in progress, int32, 1-based
 * o+80     4     next mini-batch of that epoch, int32, 0-based
 * o+84     8     loss summed over the epoch's finished mini-batches, float64
 * o+92     4     parameter count P, int32
 * o+96     8*P   parameters, float64 bits as they are, in the layout of {@link ModelSpec}
 * o+96+8P  8*P   momentum velocity, same layout
 * end-32   32    SHA-256 of every byte before it
 * </pre>
 *
 * The trailing SHA-256 detects a torn or damaged file; {@link #decode} checks it first. Instances
 * are immutable.
 */
public final class TrainingCheckpoint {
  /** The current (and only) encoding version. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {'A', 'X', 'C', 'K'};
  private static final int DIGEST = 32;
  private static final int SPEC_HEADER = 16;
  private static final int RUN_FIELDS = 96;

  private final ModelSpec spec;
  private final long seed;
  private final int epochs;
  private final Hyperparameters hyperparameters;
  private final int rows;
  private final byte[] runDigest;
  private final int epoch;
  private final int batch;
  private final double epochLoss;
  private final double[] parameters;
  private final double[] velocity;

  /** Arrays are taken as they are: the kernel hands over fresh copies. */
  TrainingCheckpoint(
      ModelSpec spec,
      long seed,
      int epochs,
      Hyperparameters hyperparameters,
      int rows,
      byte[] runDigest,
      int epoch,
      int batch,
      double epochLoss,
      double[] parameters,
      double[] velocity) {
    this.spec = spec;
    this.seed = seed;
    this.epochs = epochs;
    this.hyperparameters = hyperparameters;
    this.rows = rows;
    this.runDigest = runDigest;
    this.epoch = epoch;
    this.batch = batch;
    this.epochLoss = epochLoss;
    this.parameters = parameters;
    this.velocity = velocity;
    String problem = positionProblem();
    if (problem != null) {
      throw new CheckpointException(problem);
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  public long seed() {
    return seed;
  }

  /** The epochs of the whole run. */
  public int epochs() {
    return epochs;
  }

  public Hyperparameters hyperparameters() {
    return hyperparameters;
  }

  /** The rows of the data the run trains on. */
  public int rows() {
    return rows;
  }

  /** The epoch in progress, 1-based. */
  public int epoch() {
    return epoch;
  }

  /** The index (0-based) of the next mini-batch of {@link #epoch()}. */
  public int batch() {
    return batch;
  }

  /** The loss summed over the finished mini-batches of {@link #epoch()}. */
  public double epochLoss() {
    return epochLoss;
  }

  /** The parameters at this point. */
  public Model model() {
    return Model.of(spec, parameters);
  }

  /** A copy of the momentum velocity, in the layout of {@link ModelSpec}. */
  public double[] velocity() {
    return velocity.clone();
  }

  /** The lower-case hex SHA-256 of the start model and data of the run (see {@link #decode}). */
  public String runDigest() {
    StringBuilder hex = new StringBuilder(2 * DIGEST);
    for (byte b : runDigest) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /** Rows already trained, over all epochs. */
  public long rowsDone() {
    long done = (long) batch * batchRows(rows, hyperparameters);
    return (long) (epoch - 1) * rows + Math.min(done, rows);
  }

  /** The fraction of the run done, in [0, 1). */
  public double progress() {
    return (double) rowsDone() / ((double) rows * epochs);
  }

  /** The parameters themselves, not a copy: for the kernel, which only reads them. */
  double[] parametersUnsafe() {
    return parameters;
  }

  /** The velocity itself, not a copy: for the kernel, which only reads it. */
  double[] velocityUnsafe() {
    return velocity;
  }

  /** The encoding described above. */
  public byte[] encode() {
    List<Integer> hidden = spec.hidden();
    int p = parameters.length;
    int size = SPEC_HEADER + 4 * hidden.size() + RUN_FIELDS + 16 * p + DIGEST;
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC);
    out.putShort((short) VERSION);
    out.put((byte) ModelFormat.code(spec.kind()));
    out.put((byte) hidden.size());
    out.putInt(spec.inputs());
    out.putInt(spec.outputs());
    for (int width : hidden) {
      out.putInt(width);
    }
    out.putLong(seed);
    out.putInt(epochs);
    out.putDouble(hyperparameters.learningRate());
    out.putDouble(hyperparameters.momentum());
    out.putDouble(hyperparameters.l2());
    out.putInt(hyperparameters.batchSize());
    out.putInt(rows);
    out.put(runDigest);
    out.putInt(epoch);
    out.putInt(batch);
    out.putLong(Double.doubleToRawLongBits(epochLoss));
    out.putInt(p);
    for (double value : parameters) {
      out.putLong(Double.doubleToRawLongBits(value));
    }
    for (double value : velocity) {
      out.putLong(Double.doubleToRawLongBits(value));
    }
    MessageDigest sha = Sha256.digest();
    sha.update(out.array(), 0, size - DIGEST);
    out.put(sha.digest());
    return out.array();
  }

  /**
   * Decodes {@link #encode}'s bytes.
   *
   * @throws CheckpointException if the bytes are torn (the trailing SHA-256 does not match), of
   *     another format or version, or describe an impossible run or position
   */
  public static TrainingCheckpoint decode(byte[] bytes) {
    if (bytes == null) {
      throw new CheckpointException("no checkpoint bytes");
    }
    int minimum = SPEC_HEADER + RUN_FIELDS + DIGEST;
    if (bytes.length < minimum) {
      throw new CheckpointException(
          "truncated checkpoint: " + bytes.length + " bytes, at least " + minimum + " needed");
    }
    MessageDigest sha = Sha256.digest();
    sha.update(bytes, 0, bytes.length - DIGEST);
    byte[] expected = sha.digest();
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length))) {
      throw new CheckpointException("torn or damaged checkpoint: its SHA-256 does not match");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - DIGEST).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (in.get() != b) {
        throw new CheckpointException("bad magic: not an Axon checkpoint (expected \"AXCK\")");
      }
    }
    int version = in.getShort() & 0xffff;
    if (version != VERSION) {
      throw new CheckpointException(
          "unsupported checkpoint version " + version + " (this build reads " + VERSION + ")");
    }
    ModelKind kind = ModelFormat.kind(in.get() & 0xff);
    if (kind == null) {
      throw new CheckpointException("unknown model kind code " + (bytes[6] & 0xff));
    }
    int hiddenCount = in.get() & 0xff;
    int inputs = in.getInt();
    int outputs = in.getInt();
    long fixed = SPEC_HEADER + 4L * hiddenCount + RUN_FIELDS;
    if (in.limit() < fixed) {
      throw new CheckpointException(
          "truncated checkpoint: " + bytes.length + " bytes, its header alone needs " + fixed);
    }
    List<Integer> hidden = new ArrayList<>(hiddenCount);
    for (int i = 0; i < hiddenCount; i++) {
      hidden.add(in.getInt());
    }
    long seed = in.getLong();
    int epochs = in.getInt();
    double learningRate = in.getDouble();
    double momentum = in.getDouble();
    double l2 = in.getDouble();
    int batchSize = in.getInt();
    int rows = in.getInt();
    byte[] runDigest = new byte[DIGEST];
    in.get(runDigest);
    int epoch = in.getInt();
    int batch = in.getInt();
    double epochLoss = Double.longBitsToDouble(in.getLong());
    int count = in.getInt();
    ModelSpec spec;
    Hyperparameters hyperparameters;
    try {
      spec = new ModelSpec(kind, inputs, outputs, hidden);
      hyperparameters = new Hyperparameters(learningRate, momentum, l2, batchSize);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("invalid checkpoint: " + e.getMessage(), e);
    }
    if (count != spec.parameterCount()) {
      throw new CheckpointException(
          "shape mismatch: checkpoint says "
              + count
              + " parameters but "
              + spec
              + " has "
              + spec.parameterCount());
    }
    if (in.remaining() != 16L * count) {
      throw new CheckpointException(
          "checkpoint of "
              + count
              + " parameters has "
              + in.remaining()
              + " bytes of values, not "
              + 16L * count);
    }
    double[] parameters = new double[count];
    double[] velocity = new double[count];
    for (int i = 0; i < count; i++) {
      parameters[i] = Double.longBitsToDouble(in.getLong());
    }
    for (int i = 0; i < count; i++) {
      velocity[i] = Double.longBitsToDouble(in.getLong());
    }
    return new TrainingCheckpoint(
        spec,
        seed,
        epochs,
        hyperparameters,
        rows,
        runDigest,
        epoch,
        batch,
        epochLoss,
        parameters,
        velocity);
  }

  /**
   * Throws {@link CheckpointException} unless this checkpoint belongs to the run described; the
   * message names the first difference.
   */
  void checkBelongsTo(
      ModelSpec spec,
      Hyperparameters hyperparameters,
      int epochs,
      long seed,
      int rows,
      byte[] runDigest) {
    String difference = null;
    if (!this.spec.equals(spec)) {
      difference = "it is for a " + this.spec + ", this run trains a " + spec;
    } else if (this.seed != seed) {
      difference = "it is for seed " + this.seed + ", this run has seed " + seed;
    } else if (this.epochs != epochs) {
      difference = "it is for " + this.epochs + " epochs, this run has " + epochs;
    } else if (!this.hyperparameters.equals(hyperparameters)) {
      difference = "it is for " + this.hyperparameters + ", this run has " + hyperparameters;
    } else if (this.rows != rows) {
      difference = "it is for " + this.rows + " rows, this run has " + rows;
    } else if (!MessageDigest.isEqual(this.runDigest, runDigest)) {
      difference = "it was made from another start model or data";
    }
    if (difference != null) {
      throw new CheckpointException("the checkpoint belongs to another run: " + difference);
    }
  }

  /**
   * The SHA-256 that names a run's start model and data: the model's kind code, inputs, outputs,
   * hidden layer count and widths, parameter bits, then the data's rows, features, feature bits and
   * label bits, little-endian.
   */
  static byte[] runDigest(Model start, Dataset data) {
    MessageDigest sha = Sha256.digest();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    ModelSpec spec = start.spec();
    buffer.putInt(ModelFormat.code(spec.kind())).putInt(spec.inputs()).putInt(spec.outputs());
    buffer.putInt(spec.hidden().size());
    for (int width : spec.hidden()) {
      if (buffer.remaining() < 4) {
        flush(sha, buffer);
      }
      buffer.putInt(width);
    }
    for (int i = 0; i < start.size(); i++) {
      if (buffer.remaining() < 8) {
        flush(sha, buffer);
      }
      buffer.putLong(Double.doubleToRawLongBits(start.parameter(i)));
    }
    flush(sha, buffer);
    buffer.putInt(data.rows()).putInt(data.features());
    floats(sha, buffer, data.x());
    floats(sha, buffer, data.y());
    flush(sha, buffer);
    return sha.digest();
  }

  private static void floats(MessageDigest sha, ByteBuffer buffer, float[] values) {
    for (float value : values) {
      if (buffer.remaining() < 4) {
        flush(sha, buffer);
      }
      buffer.putInt(Float.floatToRawIntBits(value));
    }
  }

  private static void flush(MessageDigest sha, ByteBuffer buffer) {
    sha.update(buffer.array(), 0, buffer.position());
    ((Buffer) buffer).clear(); // Buffer.clear(): Android 8 lacks ByteBuffer.clear()
  }

  /** Rows per mini-batch as the kernel cuts them. */
  static int batchRows(int rows, Hyperparameters hyperparameters) {
    return Math.min(hyperparameters.batchSize(), rows);
  }

  /** Mini-batches per epoch as the kernel cuts them. */
  static int batchesPerEpoch(int rows, Hyperparameters hyperparameters) {
    int size = batchRows(rows, hyperparameters);
    return (rows + size - 1) / size;
  }

  private String positionProblem() {
    if (rows < 1) {
      return "invalid checkpoint: " + rows + " rows";
    }
    if (epochs < 1) {
      return "invalid checkpoint: " + epochs + " epochs";
    }
    if (epoch < 1 || epoch > epochs) {
      return "invalid checkpoint: epoch " + epoch + " of " + epochs;
    }
    int batches = batchesPerEpoch(rows, hyperparameters);
    if (batch < 0 || batch >= batches) {
      return "invalid checkpoint: mini-batch " + batch + " of an epoch of " + batches;
    }
    if (runDigest.length != DIGEST) {
      return "invalid checkpoint: run digest of " + runDigest.length + " bytes";
    }
    return null;
  }

  @Override
  public String toString() {
    return "TrainingCheckpoint["
        + spec
        + ", epoch "
        + epoch
        + "/"
        + epochs
        + ", mini-batch "
        + batch
        + ", seed "
        + seed
        + "]";
  }
}
