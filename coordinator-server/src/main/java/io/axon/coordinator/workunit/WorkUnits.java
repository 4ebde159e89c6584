package io.axon.coordinator.workunit;

import io.axon.coordinator.job.ShardRow;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.ResultReport;
import io.axon.core.training.Kernel;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one place that creates work units and changes their {@link WorkUnitState}. Every change is a
 * conditional UPDATE from the expected state, so two coordinator threads (or two coordinators on
 * one database) can never both win the same transition.
 */
public final class WorkUnits {
  private WorkUnits() {}

  /** Creates the UNSENT units of {@code round}: one per shard, all starting from {@code model}. */
  public static void issueRound(
      Handle handle,
      long jobId,
      JobSpec spec,
      Kernel kernel,
      int round,
      String modelSha256,
      List<ShardRow> shards) {
    WorkUnitDao dao = handle.attach(WorkUnitDao.class);
    for (ShardRow shard : shards) {
      long flops =
          kernel.flops(
              Math.toIntExact(shard.rowCount()),
              spec.localEpochs(),
              spec.hyperparameters().batchSize());
      dao.insert(
          jobId,
          round,
          shard.shardIndex(),
          Seeds.workUnit(spec.seed(), round, shard.shardIndex()),
          modelSha256,
          flops);
    }
  }

  /** UNSENT (or IN_PROGRESS past its deadline) to IN_PROGRESS on {@code hostId}. */
  public static boolean send(Handle handle, long id, long hostId, long now, long deadline) {
    return handle.attach(WorkUnitDao.class).send(id, hostId, now, deadline) == 1;
  }

  /** IN_PROGRESS on {@code hostId} stays so, with a new deadline: the host lost the reply. */
  public static boolean resend(Handle handle, long id, long hostId, long now, long deadline) {
    return handle.attach(WorkUnitDao.class).resend(id, hostId, now, deadline) == 1;
  }

  /** IN_PROGRESS on {@code hostId} to DONE with its result. */
  public static boolean complete(Handle handle, long hostId, ResultReport report, long now) {
    return handle
            .attach(WorkUnitDao.class)
            .complete(
                report.workUnitId(),
                hostId,
                report.modelSha256(),
                report.trainLoss(),
                report.samples(),
                report.flops(),
                report.elapsedMillis(),
                now)
        == 1;
  }

  /** IN_PROGRESS past its deadline back to UNSENT; returns the units that timed out. */
  public static List<WorkUnitRow> expireOverdue(Handle handle, long now) {
    WorkUnitDao dao = handle.attach(WorkUnitDao.class);
    return dao.overdue(now).stream().filter(unit -> dao.expire(unit.id(), now) == 1).toList();
  }

  public static Optional<WorkUnitRow> find(Handle handle, long id) {
    return handle.attach(WorkUnitDao.class).find(id);
  }
}
