package io.axon.coordinator.workunit;

import static io.axon.coordinator.workunit.Replicas.inProgress;
import static io.axon.coordinator.workunit.Replicas.judged;
import static io.axon.coordinator.workunit.Replicas.over;
import static io.axon.coordinator.workunit.Replicas.success;
import static io.axon.coordinator.workunit.Replicas.unit;
import static io.axon.coordinator.workunit.Replicas.unsent;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.workunit.Replica.Outcome;
import io.axon.coordinator.workunit.Replica.ValidateState;
import io.axon.core.protocol.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transitioner's rules, without a database. */
class TransitionerRulesTest {
  private static final JobSpec.Replication TWO = JobSpec.Replication.DEFAULT;

  @Test
  void aReplicaThatMissedItsDeadlineIsReplaced() {
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 2, 2),
            List.of(success(1, "aa"), over(2, Outcome.NO_REPLY)),
            TWO,
            false);

    assertThat(plan.newReplicas()).isEqualTo(1);
    assertThat(plan.errorReplicas()).isEqualTo(1);
    assertThat(plan.failure()).isNull();
  }

  @Test
  void replicasOutOrWaitingAreEnough() {
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 2, 2), List.of(inProgress(1, 5), unsent(2)), TWO, false);

    assertThat(plan.newReplicas()).isZero();
  }

  @Test
  void anInvalidResultIsReplaced() {
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 2, 2),
            List.of(success(1, "aa"), over(2, Outcome.VALIDATE_ERROR)),
            TWO,
            false);

    assertThat(plan.newReplicas()).isEqualTo(1);
  }

  @Test
  void anInconclusiveQuorumRaisesTheTargetByOne() {
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 2, 2),
            List.of(
                judged(1, "aa", ValidateState.INCONCLUSIVE),
                judged(2, "bb", ValidateState.INCONCLUSIVE)),
            TWO,
            true);

    assertThat(plan.targetReplicas()).isEqualTo(3);
    assertThat(plan.newReplicas()).isEqualTo(1);
  }

  @Test
  void tooManyErrorsFailTheUnitWithAReasonThatNamesTheLastOne() {
    JobSpec.Replication oneError = new JobSpec.Replication(1, 1, 1, 8, null, false);
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 1, 1),
            List.of(over(1, Outcome.NO_REPLY), over(2, Outcome.VALIDATE_ERROR), unsent(3)),
            oneError,
            false);

    assertThat(plan.failure())
        .contains("work unit 1 (shard 3) failed")
        .contains("2 of its replicas failed (at most 1 may)")
        .contains("non-finite");
    assertThat(plan.newReplicas()).isZero();
    assertThat(plan.notNeeded()).containsExactly(3L);
  }

  @Test
  void aUnitThatWouldNeedMoreThanMaxTotalReplicasFails() {
    JobSpec.Replication atMostThree = new JobSpec.Replication(2, 2, 5, 3, null, false);
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 3, 2),
            List.of(
                judged(1, "aa", ValidateState.INCONCLUSIVE),
                judged(2, "bb", ValidateState.INCONCLUSIVE),
                judged(3, "cc", ValidateState.INCONCLUSIVE)),
            atMostThree,
            true);

    assertThat(plan.failure()).contains("more than 3 replicas");
  }

  @Test
  void aSettledUnitNeedsNoneOfItsUnsentReplicas() {
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.VALIDATED, 2, 2),
            List.of(judged(1, "aa", ValidateState.VALID), unsent(2), inProgress(3, 9)),
            TWO,
            false);

    assertThat(plan.notNeeded()).containsExactly(2L);
    assertThat(plan.newReplicas()).isZero();
    assertThat(plan.failure()).isNull();
  }

  @Test
  void replicasNeverSentDoNotCountTowardTheTotal() {
    JobSpec.Replication atMostTwo = new JobSpec.Replication(2, 2, 5, 2, null, false);
    Transitioner.Plan plan =
        Transitioner.plan(
            unit(WorkUnitState.OPEN, 2, 2),
            List.of(success(1, "aa"), over(2, Outcome.DIDNT_NEED)),
            atMostTwo,
            false);

    assertThat(plan.newReplicas()).isEqualTo(1);
  }
}
