package io.axon.core.protocol;

import io.axon.core.training.ModelKind;
import java.util.List;

/**
 * {@code POST /api/v1/hosts}: a volunteer introduces itself once and gets a host id and token.
 *
 * @param accountKey the volunteer account this host attaches to, or null for an anonymous host
 * @param kernels the kernels this client can run; null or empty means every {@link ModelKind}
 */
public record HostRegistration(
    String name,
    String platform,
    int cores,
    long memoryBytes,
    String clientVersion,
    String accountKey,
    List<ModelKind> kernels) {
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
    if (accountKey != null) {
      Checks.text("accountKey", accountKey, 100);
    }
    kernels =
        kernels == null || kernels.isEmpty() ? List.of(ModelKind.values()) : List.copyOf(kernels);
  }

  /** An anonymous host that runs every kernel. */
  public HostRegistration(
      String name, String platform, int cores, long memoryBytes, String clientVersion) {
    this(name, platform, cores, memoryBytes, clientVersion, null, null);
  }
}
