package io.axon.core.protocol;

import io.axon.core.common.Sha256;

/** A content-addressed blob, served at {@code GET /api/v1/blobs/{sha256}}. */
public record BlobRef(String sha256, long size) {
  public BlobRef {
    if (!Sha256.isValid(sha256)) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
