package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFormatTest {
  private static final String GOLDEN = "golden-mlp-3-4-2.axnm";
  private static final String GOLDEN_SHA256 =
      "7f656929a2ba97bc7ac23e8df83ff59ae70cf1b9eddcef0dbe40f67510de2305";

  @Test
  void goldenFileDecodesToTheExactParametersAndHash() throws IOException {
    byte[] bytes = golden();
    Model model = ModelFormat.decode(bytes);

    assertThat(model.spec()).isEqualTo(ModelSpec.mlp(3, List.of(4), 2));
    double[] expected = new double[26];
    for (int i = 0; i < 26; i++) {
      expected[i] = (i - 13) / 8.0;
    }
    expected[25] = 0.1;
    assertThat(model.parameters()).containsExactly(expected);
    assertThat(Sha256.hex(bytes)).isEqualTo(GOLDEN_SHA256);
    assertThat(ModelFormat.sha256(model)).isEqualTo(GOLDEN_SHA256);
    assertThat(ModelFormat.encode(model)).isEqualTo(bytes);
  }

  @Test
  void headerFieldsAreLittleEndianAtTheDocumentedOffsets() throws IOException {
    ByteBuffer header = ByteBuffer.wrap(golden()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(golden(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("AXNM");
    assertThat(header.getShort(4)).isEqualTo((short) 1);
    assertThat(header.get(6)).isEqualTo((byte) 3);
    assertThat(header.get(7)).isEqualTo((byte) 1);
    assertThat(header.getInt(8)).isEqualTo(3);
    assertThat(header.getInt(12)).isEqualTo(2);
    assertThat(header.getInt(16)).isEqualTo(4);
    assertThat(header.getInt(20)).isEqualTo(26);
    assertThat(header.getDouble(24)).isEqualTo(-13 / 8.0);
    assertThat(golden()).hasSize(20 + 4 + 8 * 26);
  }

  @Test
  void everyKindRoundTripsExactly() {
    for (ModelSpec spec :
        List.of(
            ModelSpec.logistic(10),
            ModelSpec.softmax(4, 3),
            ModelSpec.linear(1),
            ModelSpec.mlp(5, List.of(7, 3), 2))) {
      Model model = GradientCheckTest.randomModel(spec, 3);
      assertThat(ModelFormat.decode(ModelFormat.encode(model))).isEqualTo(model);
    }
  }

  @Test
  void badMagicIsRejected() throws IOException {
    byte[] bytes = golden();
    bytes[0] = 'P';
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("bad magic");
  }

  @Test
  void unsupportedVersionIsRejected() throws IOException {
    byte[] bytes = golden();
    bytes[4] = 2;
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .hasMessageContaining("unsupported model format version 2");
  }

  @Test
  void unknownKindCodeIsRejected() throws IOException {
    byte[] bytes = golden();
    bytes[6] = 9;
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .hasMessageContaining("unknown model kind code 9");
  }

  @Test
  void truncatedInputsAreRejectedAtEveryLength() throws IOException {
    byte[] bytes = golden();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> ModelFormat.decode(cut))
          .as("first %d bytes", length)
          .isInstanceOf(ModelFormatException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    byte[] bytes = Arrays.copyOf(golden(), 240);
    assertThatThrownBy(() -> ModelFormat.decode(bytes)).hasMessageContaining("trailing bytes");
  }

  @Test
  void aParameterCountThatDoesNotMatchTheShapeIsRejected() throws IOException {
    byte[] bytes = golden();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 25);
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .hasMessageContaining("shape mismatch: header says 25 parameters")
        .hasMessageContaining("has 26");
  }

  @Test
  void anImpossibleShapeIsRejected() throws IOException {
    byte[] bytes = golden();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 1);
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("invalid model shape")
        .hasMessageContaining("at least two classes");
  }

  @Test
  void nonFiniteValuesAreRejectedWhenDecodingAndEncoding() throws IOException {
    byte[] bytes = golden();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putDouble(24 + 8 * 5, Double.NaN);
    assertThatThrownBy(() -> ModelFormat.decode(bytes))
        .hasMessageContaining("non-finite value NaN at parameter 5");
    double[] values = new double[11];
    values[10] = Double.POSITIVE_INFINITY;
    Model model = Model.of(ModelSpec.logistic(10), values);
    assertThatThrownBy(() -> ModelFormat.encode(model))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("at parameter 10");
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> ModelFormat.decode(null)).isInstanceOf(ModelFormatException.class);
  }

  private static byte[] golden() throws IOException {
    try (InputStream in = ModelFormatTest.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as(GOLDEN).isNotNull();
      return in.readAllBytes();
    }
  }
}
