package io.axon.coordinator.job;

import io.axon.core.protocol.JobSpec;
import java.math.BigDecimal;

/**
 * The columns of a job that dispatch and credit read without parsing its spec: placement, kernel,
 * delay bound, adaptive replication and payout.
 */
public record JobLifecycle(
    String kernel,
    int minCores,
    long minMemoryBytes,
    Long maxRttMillis,
    Long delayBoundMillis,
    boolean adaptive,
    BigDecimal payoutPerCredit) {

  public static JobLifecycle of(JobSpec spec) {
    JobSpec.Replication replication = spec.replication();
    return new JobLifecycle(
        spec.model().name(),
        spec.placement().minCores(),
        spec.placement().minMemoryBytes(),
        spec.placement().maxRttMillis(),
        replication.delayBoundSeconds() == null ? null : replication.delayBoundSeconds() * 1000,
        replication.adaptive() && replication.minQuorum() > 1,
        new BigDecimal(spec.payoutPerCredit()));
  }
}
