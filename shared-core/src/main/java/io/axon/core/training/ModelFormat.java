package io.axon.core.training;

import io.axon.core.common.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary model format, version 1: how models travel between coordinator and volunteers and how
 * they are named (the SHA-256 of the encoding). All integers and values are little-endian.
 *
 * <pre>
 * offset      size  field
 * 0           4     magic, ASCII "AXNM"
 * 4           2     format version, unsigned (1)
 * 6           1     model kind: 0 LOGISTIC, 1 SOFTMAX, 2 LINEAR, 3 MLP
 * 7           1     hidden layer count h, unsigned (0 unless MLP)
 * 8           4     inputs, int32
 * 12          4     outputs, int32
 * 16          4*h   hidden layer widths, int32 each, input side first
 * 16+4h       4     parameter count P, int32 (must match the shape)
 * 20+4h       8*P   parameters, IEEE 754 float64, in the layout of {@link ModelSpec}
 * </pre>
 *
 * The encoding is exactly {@code 20 + 4h + 8P} bytes: no trailing bytes. Every value is finite;
 * {@link #encode} refuses NaN and infinities, so every encoded model decodes.
 */
public final class ModelFormat {
  /** The current (and only) format version. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {'A', 'X', 'N', 'M'};
  private static final ModelKind[] KINDS = {
    ModelKind.LOGISTIC, ModelKind.SOFTMAX, ModelKind.LINEAR, ModelKind.MLP
  };
  private static final int FIXED_HEADER = 20;

  private ModelFormat() {}

  /** Encodes {@code model}; throws {@link ModelFormatException} if a parameter is not finite. */
  public static byte[] encode(Model model) {
    ModelSpec spec = model.spec();
    List<Integer> hidden = spec.hidden();
    if (hidden.size() > 255) {
      throw new ModelFormatException(
          "at most 255 hidden layers fit the format, got " + hidden.size());
    }
    int p = model.size();
    ByteBuffer out =
        ByteBuffer.allocate(FIXED_HEADER + 4 * hidden.size() + 8 * p)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC);
    out.putShort((short) VERSION);
    out.put((byte) code(spec.kind()));
    out.put((byte) hidden.size());
    out.putInt(spec.inputs());
    out.putInt(spec.outputs());
    for (int width : hidden) {
      out.putInt(width);
    }
    out.putInt(p);
    for (int i = 0; i < p; i++) {
      double value = model.parameter(i);
      if (!Double.isFinite(value)) {
        throw new ModelFormatException("non-finite value " + value + " at parameter " + i);
      }
      out.putDouble(value);
    }
    return out.array();
  }

  /** Decodes an encoded model; throws {@link ModelFormatException} naming what is wrong. */
  public static Model decode(byte[] bytes) {
    if (bytes == null) {
      throw new ModelFormatException("no model bytes");
    }
    if (bytes.length < FIXED_HEADER) {
      throw new ModelFormatException(
          "truncated: " + bytes.length + " bytes, a model header alone needs " + FIXED_HEADER);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (in.get() != b) {
        throw new ModelFormatException("bad magic: not an Axon model (expected \"AXNM\")");
      }
    }
    int version = in.getShort() & 0xffff;
    if (version != VERSION) {
      throw new ModelFormatException(
          "unsupported model format version " + version + " (this build reads " + VERSION + ")");
    }
    int kindCode = in.get() & 0xff;
    if (kindCode >= KINDS.length) {
      throw new ModelFormatException("unknown model kind code " + kindCode);
    }
    int hiddenCount = in.get() & 0xff;
    int inputs = in.getInt();
    int outputs = in.getInt();
    long headerSize = FIXED_HEADER + 4L * hiddenCount;
    if (bytes.length < headerSize) {
      throw new ModelFormatException(
          "truncated: "
              + bytes.length
              + " bytes, the header with "
              + hiddenCount
              + " hidden layers needs "
              + headerSize);
    }
    List<Integer> hidden = new ArrayList<>(hiddenCount);
    for (int i = 0; i < hiddenCount; i++) {
      hidden.add(in.getInt());
    }
    ModelSpec spec;
    try {
      spec = new ModelSpec(KINDS[kindCode], inputs, outputs, hidden);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("invalid model shape: " + e.getMessage(), e);
    }
    int count = in.getInt();
    if (count != spec.parameterCount()) {
      throw new ModelFormatException(
          "shape mismatch: header says "
              + count
              + " parameters but "
              + spec
              + " has "
              + spec.parameterCount());
    }
    long expected = headerSize + 8L * count;
    if (bytes.length != expected) {
      throw new ModelFormatException(
          (bytes.length < expected ? "truncated: " : "trailing bytes: ")
              + bytes.length
              + " bytes, a model of "
              + count
              + " parameters is "
              + expected);
    }
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      double value = in.getDouble();
      if (!Double.isFinite(value)) {
        throw new ModelFormatException("non-finite value " + value + " at parameter " + i);
      }
      values[i] = value;
    }
    return Model.of(spec, values);
  }

  /** The lower-case hex SHA-256 of {@link #encode encode(model)}: the model's content name. */
  public static String sha256(Model model) {
    return Sha256.hex(encode(model));
  }

  /** The kind's one-byte code in this format (and in {@link TrainingCheckpoint}'s). */
  static int code(ModelKind kind) {
    for (int i = 0; i < KINDS.length; i++) {
      if (KINDS[i] == kind) {
        return i;
      }
    }
    throw new IllegalStateException("no format code for " + kind);
  }

  /** The kind for a code of {@link #code}, or null if there is none. */
  static ModelKind kind(int code) {
    return code >= 0 && code < KINDS.length ? KINDS[code] : null;
  }
}
