package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.core.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint encoding: its layout, its round trip and its refusal of damaged bytes. */
class CheckpointFormatTest {
  private static final ModelSpec SPEC = ModelSpec.mlp(3, List.of(4), 2);

  private static final Dataset DATA = TestData.random(100, 3, 2, 5);
  private static final Hyperparameters HYPER = new Hyperparameters(0.1, 0.9, 0.01, 32);

  /** Written by this build at epoch 2, mini-batch 1 of the run of {@link #sample()}. */
  private static final String GOLDEN = "golden-mlp-3-4-2.axck";

  private static final String GOLDEN_SHA256 =
      "63429dba358fad86e103260941080892ff16d459a59dba5f173c9e63c55057e1";

  private static TrainingCheckpoint sample() {
    Kernel kernel = Kernel.forSpec(SPEC);
    CheckpointResumeTest.Recorder recorder = new CheckpointResumeTest.Recorder();
    kernel.train(kernel.initialize(1), DATA, HYPER, 2, 9, 1, recorder);
    return recorder.at(2, 1);
  }

  private static byte[] golden() throws java.io.IOException {
    try (java.io.InputStream in = CheckpointFormatTest.class.getResourceAsStream(GOLDEN)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theGoldenCheckpointIsExactlyWhatThisBuildWritesAtThatPoint() throws Exception {
    byte[] golden = golden();

    assertThat(io.axon.core.common.Sha256.hex(golden)).isEqualTo(GOLDEN_SHA256);
    assertThat(sample().encode()).isEqualTo(golden);
  }

  @Test
  void theGoldenCheckpointResumesToTheBitsOfAnUninterruptedRun() throws Exception {
    Kernel kernel = Kernel.forSpec(SPEC);
    Model start = kernel.initialize(1);
    TrainingResult plain = kernel.train(start, DATA, HYPER, 2, 9, 1, TrainingListener.NONE);

    TrainingResult resumed =
        kernel.train(
            start,
            DATA,
            HYPER,
            2,
            9,
            2,
            TrainingListener.NONE,
            TrainingCheckpoint.decode(golden()));

    assertThat(ModelFormat.encode(resumed.model())).isEqualTo(ModelFormat.encode(plain.model()));
    assertThat(resumed.meanLoss()).isEqualTo(plain.meanLoss());
  }

  @Test
  void encodesTheLayoutItsJavadocDescribes() {
    TrainingCheckpoint checkpoint = sample();
    byte[] bytes = checkpoint.encode();
    int p = SPEC.parameterCount();
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(bytes).hasSize(16 + 4 + 96 + 16 * p + 32);
    assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("AXCK");
    assertThat(in.getShort(4)).isEqualTo((short) 1);
    assertThat(in.get(6)).isEqualTo((byte) 3); // MLP
    assertThat(in.get(7)).isEqualTo((byte) 1);
    assertThat(in.getInt(16)).isEqualTo(4);
    int o = 20;
    assertThat(in.getLong(o)).isEqualTo(9);
    assertThat(in.getInt(o + 8)).isEqualTo(2);
    assertThat(in.getDouble(o + 12)).isEqualTo(0.1);
    assertThat(in.getInt(o + 36)).isEqualTo(32);
    assertThat(in.getInt(o + 40)).isEqualTo(100);
    assertThat(in.getInt(o + 76)).isEqualTo(2);
    assertThat(in.getInt(o + 80)).isEqualTo(1);
    assertThat(in.getInt(o + 92)).isEqualTo(p);
    assertThat(in.getDouble(o + 96)).isEqualTo(checkpoint.model().parameter(0));
    assertThat(in.getDouble(o + 96 + 8 * p)).isEqualTo(checkpoint.velocity()[0]);
  }

  @Test
  void decodingAnEncodedCheckpointGivesEveryFieldBack() {
    TrainingCheckpoint checkpoint = sample();

    TrainingCheckpoint decoded = TrainingCheckpoint.decode(checkpoint.encode());

    assertThat(decoded.encode()).isEqualTo(checkpoint.encode());
    assertThat(decoded.model()).isEqualTo(checkpoint.model());
    assertThat(decoded.velocity()).isEqualTo(checkpoint.velocity());
    assertThat(decoded.epoch()).isEqualTo(2);
    assertThat(decoded.batch()).isEqualTo(1);
    assertThat(Double.doubleToRawLongBits(decoded.epochLoss()))
        .isEqualTo(Double.doubleToRawLongBits(checkpoint.epochLoss()));
    assertThat(decoded.runDigest()).isEqualTo(checkpoint.runDigest());
    assertThat(decoded.toString()).contains("epoch 2/2", "mini-batch 1");
  }

  @Test
  void refusesAFileTornAtAnyLength() {
    byte[] bytes = sample().encode();
    for (int length = 0; length < bytes.length; length += 7) {
      byte[] torn = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> TrainingCheckpoint.decode(torn))
          .isInstanceOf(CheckpointException.class)
          .hasMessageMatching("(truncated|torn).*");
    }
  }

  @Test
  void refusesAFileWithAnyByteChanged() {
    byte[] bytes = sample().encode();
    for (int i = 0; i < bytes.length; i++) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= 0x10;
      assertThatThrownBy(() -> TrainingCheckpoint.decode(damaged))
          .isInstanceOf(CheckpointException.class)
          .hasMessageContaining("SHA-256 does not match");
    }
  }

  @Test
  void refusesAnotherVersionEvenWithAMatchingChecksum() {
    byte[] bytes = sample().encode();
    bytes[4] = 2;
    resign(bytes);

    assertThatThrownBy(() -> TrainingCheckpoint.decode(bytes))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("unsupported checkpoint version 2");
  }

  @Test
  void refusesAPositionOutsideTheRunEvenWithAMatchingChecksum() {
    byte[] bytes = sample().encode();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 80, 4); // 4 batches of 32
    resign(bytes);

    assertThatThrownBy(() -> TrainingCheckpoint.decode(bytes))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("mini-batch 4 of an epoch of 4");
  }

  @Test
  void refusesAModelFileOrNothing() {
    byte[] model = ModelFormat.encode(Kernel.forSpec(SPEC).initialize(1));
    assertThatThrownBy(() -> TrainingCheckpoint.decode(model))
        .isInstanceOf(CheckpointException.class);
    assertThatThrownBy(() -> TrainingCheckpoint.decode(null))
        .isInstanceOf(CheckpointException.class);
  }

  private static void resign(byte[] bytes) {
    java.security.MessageDigest sha = io.axon.core.common.Sha256.digest();
    sha.update(bytes, 0, bytes.length - 32);
    System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
  }
}
