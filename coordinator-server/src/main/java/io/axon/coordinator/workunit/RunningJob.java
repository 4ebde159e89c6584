package io.axon.coordinator.workunit;

import java.util.List;

/** A running job as dispatch sees it: its current round, placement, kernel and delay bound. */
public record RunningJob(
    long id,
    int round,
    String kernel,
    int minCores,
    long minMemoryBytes,
    Long maxRttMillis,
    Long delayBoundMillis,
    boolean adaptive) {

  /** Whether {@code host} may run this job's work units. */
  public boolean fits(DispatchHost host, List<String> kernels) {
    return host.cores() >= minCores
        && host.memoryBytes() >= minMemoryBytes
        && (maxRttMillis == null || (host.rttMillis() != null && host.rttMillis() <= maxRttMillis))
        && (kernel == null || kernels.contains(kernel));
  }
}
