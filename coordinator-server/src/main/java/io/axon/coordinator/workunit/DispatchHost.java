package io.axon.coordinator.workunit;

/** What dispatch needs to know of the asking host: its resources, kernels, owner and record. */
public record DispatchHost(
    long id,
    int cores,
    long memoryBytes,
    Long rttMillis,
    String kernels,
    Long accountId,
    int consecutiveValid) {

  /**
   * The volunteer this host belongs to, for the rule of one replica of a unit per volunteer: its
   * account, or the host itself if it has none.
   */
  public String owner() {
    return accountId != null ? "a" + accountId : "h" + id;
  }
}
