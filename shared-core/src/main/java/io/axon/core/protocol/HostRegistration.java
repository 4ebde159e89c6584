package io.axon.core.protocol;

/** {@code POST /api/v1/hosts}: a volunteer introduces itself once and gets a host id and token. */
public record HostRegistration(
    String name, String platform, int cores, long memoryBytes, String clientVersion) {
  public HostRegistration {
    Checks.text("name", name, 100);
    Checks.text("platform", platform, 200);
    Checks.text("clientVersion", clientVersion, 50);
    if (cores < 1 || cores > 4096) {
      throw new IllegalArgumentException("cores must be in [1, 4096], got " + cores);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("memoryBytes must not be negative, got " + memoryBytes);
    }
  }
}
