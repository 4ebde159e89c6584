package io.axon.core.protocol;

import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelSpec;

/**
 * One work unit for one volunteer: train {@code model} from the global model in {@code modelBlob}
 * on the shard in {@code shardBlob} for {@code localEpochs}, seeded, and report before the
 * deadline.
 */
public record WorkAssignment(
    long workUnitId,
    long jobId,
    String jobName,
    int round,
    ModelSpec model,
    Hyperparameters hyperparameters,
    int localEpochs,
    long seed,
    BlobRef modelBlob,
    BlobRef shardBlob,
    long deadlineMillis,
    long flops) {
  public WorkAssignment {
    if (model == null || hyperparameters == null || modelBlob == null || shardBlob == null) {
      throw new IllegalArgumentException(
          "model, hyperparameters, modelBlob and shardBlob are required");
    }
    if (localEpochs < 1) {
      throw new IllegalArgumentException("localEpochs must be at least 1, got " + localEpochs);
    }
  }
}
