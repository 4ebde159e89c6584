package io.axon.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoResultTest {
  @Test
  void aJobAboveItsBaselineMetIt() {
    DemoResult result = new DemoResult("lr-synthetic", 0.8125, 0.8119, 31.4);

    assertThat(result.metBaseline()).isTrue();
    assertThat(result.line())
        .isEqualTo(
            "RESULT job=lr-synthetic accuracy=0.8125 baseline=0.8119 met=yes"
                + " seconds_submit_to_done=31");
  }

  @Test
  void halfAPointBelowTheBaselineStillMeetsItAndMoreDoesNot() {
    assertThat(new DemoResult("mnist-mlp", 0.9590, 0.9640, 34).metBaseline()).isTrue();

    DemoResult below = new DemoResult("mnist-mlp", 0.9585, 0.9640, 33.6);
    assertThat(below.metBaseline()).isFalse();
    assertThat(below.line())
        .isEqualTo(
            "RESULT job=mnist-mlp accuracy=0.9585 baseline=0.9640 met=no"
                + " seconds_submit_to_done=34");
  }

  @Test
  void theLegendSaysWhatSecondsMeasuresAndWhatMetMeans() {
    String legend = String.join(" ", DemoResult.LEGEND).replaceAll("\\s+", " ");

    assertThat(legend)
        .contains("seconds_submit_to_done: wall clock from submitting the job until it was DONE")
        .contains("met: accuracy at most 0.5 points below the baseline");
    assertThat(DemoResult.LEGEND).allMatch(line -> line.length() <= 100);
  }

  @Test
  void helpShowsNoOptionTheLauncherSuppliesAndNoneIsRequired() {
    CommandLine demo = new CommandLine(new DemoMain());
    String help = demo.getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertThat(help).doesNotContain("--volunteer-jar").doesNotContain("--datasets");
    assertThat(demo.getCommandSpec().options()).noneMatch(o -> o.required());
    assertThat(help).contains("--keep", "--verbose", "--volunteers", "--lr-rows");
  }
}
