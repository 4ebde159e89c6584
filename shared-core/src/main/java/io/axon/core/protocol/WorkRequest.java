package io.axon.core.protocol;

/** {@code POST /api/v1/work}: the volunteer asks for one work unit. */
public record WorkRequest(int threads, long memoryBytes) {
  public WorkRequest {
    if (threads < 1 || threads > 4096) {
      throw new IllegalArgumentException("threads must be in [1, 4096], got " + threads);
    }
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("memoryBytes must not be negative, got " + memoryBytes);
    }
  }
}
