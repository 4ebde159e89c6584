package io.axon.coordinator.workunit;

import static io.axon.coordinator.workunit.Replicas.inProgress;
import static io.axon.coordinator.workunit.Replicas.judged;
import static io.axon.coordinator.workunit.Replicas.over;
import static io.axon.coordinator.workunit.Replicas.success;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ValidateState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {
  @Test
  void twoEqualHashesMakeAQuorumAndTheOlderReplicaCanonical() {
    Validator.Verdict verdict =
        Validator.judge(2, null, List.of(success(1, "aa"), success(2, "aa")));

    assertThat(verdict.canonicalId()).isEqualTo(1L);
    assertThat(verdict.states())
        .isEqualTo(Map.of(1L, ValidateState.VALID, 2L, ValidateState.VALID));
    assertThat(verdict.needsAnotherReplica()).isFalse();
  }

  @Test
  void oneResultWaitsForItsQuorum() {
    assertThat(Validator.judge(2, null, List.of(success(1, "aa"), inProgress(2, 7))))
        .isEqualTo(Validator.Verdict.NOTHING);
  }

  @Test
  void twoDifferentHashesAreInconclusiveAndAskForAnotherReplica() {
    Validator.Verdict verdict =
        Validator.judge(2, null, List.of(success(1, "honest"), success(2, "forged")));

    assertThat(verdict.canonicalId()).isNull();
    assertThat(verdict.states().values()).containsOnly(ValidateState.INCONCLUSIVE);
    assertThat(verdict.needsAnotherReplica()).isTrue();
  }

  @Test
  void aThirdResultSettlesItTheOddOneOutIsInvalid() {
    Validator.Verdict verdict =
        Validator.judge(
            2,
            null,
            List.of(
                judged(1, "honest", ValidateState.INCONCLUSIVE),
                judged(2, "forged", ValidateState.INCONCLUSIVE),
                success(3, "honest")));

    assertThat(verdict.canonicalId()).isEqualTo(1L);
    assertThat(verdict.states())
        .containsEntry(1L, ValidateState.VALID)
        .containsEntry(2L, ValidateState.INVALID)
        .containsEntry(3L, ValidateState.VALID);
  }

  @Test
  void resultsAfterTheCanonicalOneAreComparedWithIt() {
    Validator.Verdict verdict =
        Validator.judge(
            2,
            "honest",
            List.of(
                judged(1, "honest", ValidateState.VALID),
                success(4, "honest"),
                success(5, "forged")));

    assertThat(verdict.canonicalId()).isNull();
    assertThat(verdict.states())
        .isEqualTo(Map.of(4L, ValidateState.VALID, 5L, ValidateState.INVALID));
  }

  @Test
  void withAQuorumOfOneASingleResultIsCanonical() {
    Validator.Verdict verdict = Validator.judge(1, null, List.of(success(1, "aa")));

    assertThat(verdict.canonicalId()).isEqualTo(1L);
  }

  @Test
  void errorsAndJudgedReplicasAreLeftAlone() {
    assertThat(
            Validator.judge(
                1, null, List.of(over(1, Outcome.NO_REPLY), over(2, Outcome.VALIDATE_ERROR))))
        .isEqualTo(Validator.Verdict.NOTHING);
  }
}
