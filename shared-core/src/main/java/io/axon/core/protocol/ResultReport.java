package io.axon.core.protocol;

import io.axon.core.common.Sha256;

/**
 * {@code POST /api/v1/results}: the JSON part {@code report} of a multipart upload whose part
 * {@code model} holds the trained model bytes, whose SHA-256 must equal {@code modelSha256}.
 */
public record ResultReport(
    long workUnitId,
    String modelSha256,
    double trainLoss,
    long samples,
    long flops,
    long elapsedMillis) {
  public ResultReport {
    if (!Sha256.isValid(modelSha256)) {
      throw new IllegalArgumentException(
          "modelSha256 must be 64 lower-case hex digits, got " + modelSha256);
    }
    if (samples < 0 || flops < 0 || elapsedMillis < 0) {
      throw new IllegalArgumentException("samples, flops and elapsedMillis must not be negative");
    }
  }
}
