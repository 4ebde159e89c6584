package io.axon.coordinator.workunit;

import io.axon.coordinator.job.ShardRow;
import io.axon.core.protocol.JobSpec;
import io.axon.core.training.Kernel;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Creates the work units of a round, each with its first UNSENT replicas. */
public final class WorkUnits {
  private WorkUnits() {}

  /**
   * Creates the OPEN units of {@code round}: one per shard still taking part, all starting from
   * {@code model}, each with {@code targetReplicas} UNSENT replicas.
   */
  public static void issueRound(
      Handle handle,
      long jobId,
      JobSpec spec,
      Kernel kernel,
      int round,
      String modelSha256,
      List<ShardRow> shards,
      long now) {
    WorkUnitDao units = handle.attach(WorkUnitDao.class);
    ReplicaDao replicas = handle.attach(ReplicaDao.class);
    JobSpec.Replication replication = spec.replication();
    for (ShardRow shard : shards) {
      long flops =
          kernel.flops(
              Math.toIntExact(shard.rowCount()),
              spec.localEpochs(),
              spec.hyperparameters().batchSize());
      long unitId =
          units.insert(
              jobId,
              round,
              shard.shardIndex(),
              Seeds.workUnit(spec.seed(), round, shard.shardIndex()),
              modelSha256,
              flops,
              replication.targetReplicas(),
              replication.minQuorum());
      for (int i = 0; i < replication.targetReplicas(); i++) {
        replicas.insert(unitId, jobId, round, now);
      }
    }
  }

  public static Optional<WorkUnitRow> find(Handle handle, long id) {
    return handle.attach(WorkUnitDao.class).find(id);
  }
}
