package io.axon.coordinator.workunit;

/** A running job as the feeder caches it: dispatch's view of it and its assignment's parts. */
public record FeedJob(
    long id,
    String name,
    String specJson,
    int inputs,
    int outputs,
    int round,
    String kernel,
    int minCores,
    long minMemoryBytes,
    Long maxRttMillis,
    Long delayBoundMillis,
    boolean adaptive) {

  RunningJob dispatch() {
    return new RunningJob(
        id, round, kernel, minCores, minMemoryBytes, maxRttMillis, delayBoundMillis, adaptive);
  }
}
