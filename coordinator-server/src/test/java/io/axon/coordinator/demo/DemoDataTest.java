package io.axon.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.common.Sha256;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
  private static final Path MNIST = Path.of("..", "datasets", "mnist");

  @TempDir Path dir;

  @Test
  void readsTheTenThousandCommittedMnistDigitsWithTheirClassCounts() throws Exception {
    Dataset digits = MnistIdx.read(MNIST);

    assertThat(digits.rows()).isEqualTo(10_000);
    assertThat(digits.features()).isEqualTo(784);
    int[] perClass = new int[10];
    for (float label : digits.y()) {
      perClass[(int) label]++;
    }
    assertThat(perClass).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float pixel : digits.x()) {
      min = Math.min(min, pixel);
      max = Math.max(max, pixel);
    }
    assertThat(min).isEqualTo(0f);
    assertThat(max).isEqualTo(1f);
  }

  @Test
  void mnistCsvReadsBackToTheSameDigits() throws Exception {
    Dataset digits = MnistIdx.read(MNIST);
    Path csv = dir.resolve("mnist.csv");
    MnistIdx.writeCsv(digits, csv);

    Dataset back;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      back = CsvDatasets.read(in, "label").data();
    }
    // AssertJ's element-wise array comparison is far too slow for 7.8 million values
    assertThat(Arrays.equals(back.x(), digits.x())).as("same pixels").isTrue();
    assertThat(Arrays.equals(back.y(), digits.y())).as("same labels").isTrue();
  }

  @Test
  void syntheticLogisticSetIsTheSameForTheSameSeedAndHasBothClasses() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    SyntheticLogistic.writeCsv(a, 2000, 1);
    SyntheticLogistic.writeCsv(b, 2000, 1);
    SyntheticLogistic.writeCsv(c, 2000, 2);

    assertThat(Sha256.hex(Files.readAllBytes(a))).isEqualTo(Sha256.hex(Files.readAllBytes(b)));
    assertThat(Sha256.hex(Files.readAllBytes(a))).isNotEqualTo(Sha256.hex(Files.readAllBytes(c)));
    Dataset data;
    try (Reader in = Files.newBufferedReader(a, StandardCharsets.UTF_8)) {
      data = CsvDatasets.read(in, "label").data();
    }
    assertThat(data.rows()).isEqualTo(2000);
    assertThat(data.features()).isEqualTo(SyntheticLogistic.FEATURES);
    int ones = 0;
    for (float label : data.y()) {
      ones += (int) label;
    }
    assertThat(ones).isBetween(400, 1600);
  }
}
