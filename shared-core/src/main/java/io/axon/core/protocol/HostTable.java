package io.axon.core.protocol;

import java.util.List;

/** The reply of {@code GET /api/v1/hosts}: every registered host, by id. */
public record HostTable(List<HostInfo> hosts) {
  public HostTable {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
