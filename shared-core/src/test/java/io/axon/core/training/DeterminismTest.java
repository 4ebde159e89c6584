package io.axon.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same work unit gives the same bits, whatever the JVM and the number of threads. */
class DeterminismTest {

  @Test
  void twoSeparateJvmsWithDifferentThreadCountsProduceTheSameModelHashes() throws Exception {
    List<String> oneThread = runJvm(1);
    List<String> threeThreads = runJvm(3);

    assertThat(oneThread).hasSize(4);
    assertThat(oneThread.get(0)).startsWith("LOGISTIC ");
    assertThat(threeThreads).isEqualTo(oneThread);
    assertThat(DeterminismMain.hashes(2)).isEqualTo(oneThread);
  }

  @Test
  void oneAndThreeThreadsInProcessGiveBitIdenticalModelsAndLosses() {
    ModelSpec spec = ModelSpec.mlp(16, List.of(20), 3);
    Dataset data = TestData.blobs(2000, 16, 3, 8);
    Kernel kernel = Kernel.forSpec(spec);
    Hyperparameters hyper = new Hyperparameters(0.1, 0.5, 1e-3, 1000);
    Model start = kernel.initialize(1);

    TrainingResult one = kernel.train(start, data, hyper, 3, 5, 1, TrainingListener.NONE);
    TrainingResult three = kernel.train(start, data, hyper, 3, 5, 3, TrainingListener.NONE);

    assertThat(three.model()).isEqualTo(one.model());
    assertThat(ModelFormat.encode(three.model())).isEqualTo(ModelFormat.encode(one.model()));
    assertThat(Double.doubleToRawLongBits(three.meanLoss()))
        .isEqualTo(Double.doubleToRawLongBits(one.meanLoss()));
    assertThat(three.model()).isNotEqualTo(start);
  }

  @Test
  void aDifferentSeedGivesADifferentModel() {
    Kernel kernel = Kernel.forSpec(ModelSpec.logistic(10));
    Dataset data = TestData.separable(500, 10, 3);
    Hyperparameters hyper = new Hyperparameters(0.1, 0.9, 0, 32);
    Model start = kernel.initialize(0);
    Model a = kernel.train(start, data, hyper, 1, 1, 1, TrainingListener.NONE).model();
    Model b = kernel.train(start, data, hyper, 1, 2, 1, TrainingListener.NONE).model();
    assertThat(a).isNotEqualTo(b);
  }

  private static List<String> runJvm(int threads) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeterminismMain.class.getName(),
                Integer.toString(threads))
            .redirectErrorStream(true)
            .start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).as("child JVM exit code, output:%n%s", output).isZero();
    return output.lines().toList();
  }
}
