package io.axon.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardFormatTest {
  private static final Dataset DATA =
      new Dataset(3, 2, new float[] {1f, -2f, 0.5f, 3e-7f, 1e30f, -0f}, new float[] {0f, 1f, 2f});

  @Test
  void roundTripsEveryBit() {
    Dataset back = ShardFormat.decode(ShardFormat.encode(DATA));

    assertThat(back.rows()).isEqualTo(3);
    assertThat(back.features()).isEqualTo(2);
    assertThat(bits(back.x())).isEqualTo(bits(DATA.x()));
    assertThat(bits(back.y())).isEqualTo(bits(DATA.y()));
  }

  @Test
  void roundTripsAnEmptyShard() {
    Dataset back =
        ShardFormat.decode(ShardFormat.encode(new Dataset(0, 4, new float[0], new float[0])));

    assertThat(back.rows()).isZero();
    assertThat(back.features()).isEqualTo(4);
  }

  @Test
  void writesTheDocumentedLittleEndianLayout() {
    byte[] bytes = ShardFormat.encode(DATA);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(bytes).hasSize(16 + 4 * (6 + 3));
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly('A', 'X', 'N', 'S');
    assertThat(in.getInt(4)).isEqualTo(1);
    assertThat(in.getInt(8)).isEqualTo(3);
    assertThat(in.getInt(12)).isEqualTo(2);
    assertThat(in.getFloat(16)).isEqualTo(1f);
    assertThat(in.getFloat(20)).isEqualTo(-2f);
    assertThat(in.getFloat(16 + 4 * 6)).isEqualTo(0f);
    assertThat(in.getFloat(16 + 4 * 8)).isEqualTo(2f);
  }

  @Test
  void encodesTheSameDataToTheSameBytes() {
    assertThat(ShardFormat.encode(DATA)).isEqualTo(ShardFormat.encode(DATA));
  }

  @Test
  void rejectsTruncatedShards() {
    byte[] bytes = ShardFormat.encode(DATA);

    assertThatThrownBy(() -> ShardFormat.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("3 rows x 2 features");
    assertThatThrownBy(() -> ShardFormat.decode(Arrays.copyOf(bytes, 10)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("header");
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] bytes = ShardFormat.encode(DATA);

    assertThatThrownBy(() -> ShardFormat.decode(Arrays.copyOf(bytes, bytes.length + 4)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("need " + bytes.length + " bytes");
  }

  @Test
  void rejectsWrongMagicVersionAndShape() {
    byte[] magic = ShardFormat.encode(DATA);
    magic[0] = 'B';
    byte[] version = ShardFormat.encode(DATA);
    version[4] = 2;
    byte[] rows = ShardFormat.encode(DATA);
    rows[11] = (byte) 0x80;
    byte[] features = ShardFormat.encode(DATA);
    features[12] = 0;

    assertThatThrownBy(() -> ShardFormat.decode(magic)).hasMessageContaining("AXNS");
    assertThatThrownBy(() -> ShardFormat.decode(version)).hasMessageContaining("version 2");
    assertThatThrownBy(() -> ShardFormat.decode(rows)).hasMessageContaining("corrupt shard header");
    assertThatThrownBy(() -> ShardFormat.decode(features)).hasMessageContaining("0 features");
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }
}
