package io.axon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The lifecycle parts of a JobSpec: defaults when absent, partial objects, checked ranges. */
class JobSpecLifecycleTest {
  private static final String BASE =
      "{\"name\":\"j\",\"model\":\"LOGISTIC\",\"hyperparameters\":{\"learningRate\":0.1,"
          + "\"momentum\":0,\"l2\":0,\"batchSize\":8},\"labelColumn\":\"label\",\"shards\":2,"
          + "\"localEpochs\":1,\"rounds\":3,\"holdoutFraction\":0.2,\"seed\":1";

  private static JobSpec parse(String extra) {
    return ProtocolJson.fromJson(BASE + extra + "}", JobSpec.class);
  }

  @Test
  void aSpecWithoutLifecyclePartsGetsTwoReplicasWithQuorumTwoAndFedAvg() {
    JobSpec spec = parse("");

    assertThat(spec.replication()).isEqualTo(JobSpec.Replication.DEFAULT);
    assertThat(spec.replication().targetReplicas()).isEqualTo(2);
    assertThat(spec.replication().minQuorum()).isEqualTo(2);
    assertThat(spec.aggregation().method()).isEqualTo(JobSpec.Aggregation.Method.FEDAVG);
    assertThat(spec.roundClosing().minShardFraction()).isEqualTo(1.0);
    assertThat(spec.placement()).isEqualTo(JobSpec.Placement.NONE);
    assertThat(spec.payoutPerCredit()).isEqualTo("0");
  }

  @Test
  void aPartialPartTakesDefaultsForWhatItLeavesOut() {
    JobSpec spec = parse(",\"replication\":{\"targetReplicas\":1},\"placement\":{\"minCores\":4}");

    assertThat(spec.replication().minQuorum()).isEqualTo(1);
    assertThat(spec.replication().maxErrorReplicas()).isEqualTo(3);
    assertThat(spec.replication().adaptive()).isTrue();
    assertThat(spec.placement()).isEqualTo(new JobSpec.Placement(4, 0, null));
  }

  @Test
  void outOfRangeLifecycleValuesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> parse(",\"replication\":{\"targetReplicas\":2,\"minQuorum\":3}"))
        .hasMessageContaining("replication.minQuorum");
    assertThatThrownBy(() -> parse(",\"roundClosing\":{\"minShardFraction\":0}"))
        .hasMessageContaining("roundClosing.minShardFraction");
    assertThatThrownBy(
            () -> parse(",\"aggregation\":{\"method\":\"TRIMMED_MEAN\",\"trimFraction\":0.5}"))
        .hasMessageContaining("aggregation.trimFraction");
    assertThatThrownBy(() -> parse(",\"payoutPerCredit\":\"-1\""))
        .hasMessageContaining("payoutPerCredit");
    assertThatThrownBy(() -> parse(",\"payoutPerCredit\":\"lots\""))
        .hasMessageContaining("payoutPerCredit");
    assertThatThrownBy(() -> parse(",\"placement\":{\"maxRttMillis\":0}"))
        .hasMessageContaining("placement.maxRttMillis");
  }

  @Test
  void withersChangeOnePartAndKeepTheRest() {
    JobSpec spec = parse("").withReplication(JobSpec.Replication.NONE).withPayoutPerCredit("0.5");

    assertThat(spec.replication()).isEqualTo(JobSpec.Replication.NONE);
    assertThat(spec.payoutPerCredit()).isEqualTo("0.5");
    assertThat(spec.name()).isEqualTo("j");
    assertThat(ProtocolJson.fromJson(ProtocolJson.toJson(spec), JobSpec.class)).isEqualTo(spec);
  }
}
