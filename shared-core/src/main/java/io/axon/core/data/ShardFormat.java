package io.axon.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a shard (a slice of a training set sent to volunteers), named by the SHA-256
 * of these bytes. All numbers little-endian:
 *
 * <pre>
 * offset  size            field
 * 0       4               magic "AXNS" (ASCII)
 * 4       4               int32 version (1)
 * 8       4               int32 rows (&gt;= 0)
 * 12      4               int32 features (&gt;= 1)
 * 16      4*rows*features float32 x, row-major
 * ...     4*rows          float32 y
 * </pre>
 */
public final class ShardFormat {
  /** The first four bytes of every shard. */
  public static final String MAGIC = "AXNS";

  /** The format version written by {@link #encode}. */
  public static final int VERSION = 1;

  private static final int HEADER_BYTES = 16;
  private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

  private ShardFormat() {}

  /** Encodes {@code data} into a new byte array. */
  public static byte[] encode(Dataset data) {
    long size = HEADER_BYTES + 4L * ((long) data.rows() * data.features() + data.rows());
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a shard of " + size + " bytes is too large");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC_BYTES).putInt(VERSION).putInt(data.rows()).putInt(data.features());
    out.asFloatBuffer().put(data.x()).put(data.y());
    return out.array();
  }

  /**
   * Decodes a shard.
   *
   * @throws DataFormatException if {@code bytes} are not a shard of a known version, or are
   *     truncated or too long
   */
  public static Dataset decode(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new DataFormatException(
          "not a shard: " + bytes.length + " bytes, shorter than the 16-byte header");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC_BYTES) {
      if (in.get() != b) {
        throw new DataFormatException("not a shard: the bytes do not start with \"AXNS\"");
      }
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new DataFormatException(
          "unsupported shard version " + version + "; this build reads version " + VERSION);
    }
    int rows = in.getInt();
    int features = in.getInt();
    if (rows < 0 || features < 1) {
      throw new DataFormatException(
          "corrupt shard header: " + rows + " rows x " + features + " features");
    }
    long expected = HEADER_BYTES + 4L * ((long) rows * features + rows);
    if (bytes.length != expected) {
      throw new DataFormatException(
          "corrupt shard: "
              + rows
              + " rows x "
              + features
              + " features need "
              + expected
              + " bytes, got "
              + bytes.length
              + (bytes.length < expected ? " (truncated)" : ""));
    }
    float[] x = new float[rows * features];
    float[] y = new float[rows];
    in.asFloatBuffer().get(x).get(y);
    return new Dataset(rows, features, x, y);
  }
}
