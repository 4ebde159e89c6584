package io.axon.coordinator.workunit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code work_units} table. State changes are conditional UPDATEs that name the state they
 * expect; callers go through {@link WorkUnits}.
 */
@RegisterConstructorMapper(WorkUnitRow.class)
@RegisterConstructorMapper(AssignmentRow.class)
public interface WorkUnitDao {
  String COLUMNS =
      "id, job_id, round, shard_index, state, seed, model_sha256, flops, host_id,"
          + " deadline_millis, result_sha256";

  @SqlUpdate(
      "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256, flops)"
          + " VALUES (:jobId, :round, :shardIndex, 'UNSENT', :seed, :modelSha256, :flops)")
  void insert(
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("shardIndex") int shardIndex,
      @Bind("seed") long seed,
      @Bind("modelSha256") String modelSha256,
      @Bind("flops") long flops);

  @SqlQuery("SELECT " + COLUMNS + " FROM work_units WHERE id = :id")
  Optional<WorkUnitRow> find(@Bind("id") long id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM work_units WHERE job_id = :jobId AND round = :round ORDER BY shard_index")
  List<WorkUnitRow> forRound(@Bind("jobId") long jobId, @Bind("round") int round);

  /** Units of the current round of running jobs that may be sent now, oldest first. */
  @SqlQuery(
      "SELECT w.id FROM work_units w JOIN jobs j ON j.id = w.job_id"
          + " WHERE j.state = 'RUNNING' AND w.round = j.round"
          + " AND (w.state = 'UNSENT' OR (w.state = 'IN_PROGRESS' AND w.deadline_millis < :now))"
          + " ORDER BY w.id LIMIT :limit")
  List<Long> sendable(@Bind("now") long now, @Bind("limit") int limit);

  /**
   * The units of running jobs' current rounds that are in progress on {@code hostId}, oldest first.
   */
  @SqlQuery(
      "SELECT w.id FROM work_units w JOIN jobs j ON j.id = w.job_id"
          + " WHERE j.state = 'RUNNING' AND w.round = j.round"
          + " AND w.state = 'IN_PROGRESS' AND w.host_id = :hostId"
          + " ORDER BY w.id")
  List<Long> inProgressOn(@Bind("hostId") long hostId);

  @SqlQuery("SELECT flops FROM work_units WHERE id = :id")
  long flops(@Bind("id") long id);

  @SqlUpdate(
      "UPDATE work_units SET sent_millis = :now, deadline_millis = :deadline"
          + " WHERE id = :id AND host_id = :hostId AND state = 'IN_PROGRESS'")
  int resend(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("now") long now,
      @Bind("deadline") long deadline);

  @SqlUpdate(
      "UPDATE work_units SET state = 'IN_PROGRESS', host_id = :hostId, sent_millis = :now,"
          + " deadline_millis = :deadline"
          + " WHERE id = :id AND (state = 'UNSENT'"
          + " OR (state = 'IN_PROGRESS' AND deadline_millis < :now))")
  int send(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("now") long now,
      @Bind("deadline") long deadline);

  @SqlUpdate(
      "UPDATE work_units SET state = 'DONE', result_sha256 = :resultSha256,"
          + " train_loss = :trainLoss, samples = :samples, reported_flops = :reportedFlops,"
          + " elapsed_millis = :elapsedMillis, finished_millis = :now"
          + " WHERE id = :id AND host_id = :hostId AND state = 'IN_PROGRESS'")
  int complete(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("resultSha256") String resultSha256,
      @Bind("trainLoss") double trainLoss,
      @Bind("samples") long samples,
      @Bind("reportedFlops") long reportedFlops,
      @Bind("elapsedMillis") long elapsedMillis,
      @Bind("now") long now);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM work_units WHERE state = 'IN_PROGRESS' AND deadline_millis < :now ORDER BY id")
  List<WorkUnitRow> overdue(@Bind("now") long now);

  @SqlUpdate(
      "UPDATE work_units SET state = 'UNSENT', host_id = NULL, sent_millis = NULL,"
          + " deadline_millis = NULL"
          + " WHERE id = :id AND state = 'IN_PROGRESS' AND deadline_millis < :now")
  int expire(@Bind("id") long id, @Bind("now") long now);

  @SqlQuery(
      "SELECT w.id, w.job_id, j.name AS job_name, j.spec_json, j.inputs, j.outputs, w.round,"
          + " w.seed, w.model_sha256, mb.size_bytes AS model_size, s.blob_sha256 AS shard_sha256,"
          + " sb.size_bytes AS shard_size, w.deadline_millis, w.flops"
          + " FROM work_units w"
          + " JOIN jobs j ON j.id = w.job_id"
          + " JOIN shards s ON s.job_id = w.job_id AND s.shard_index = w.shard_index"
          + " JOIN blobs mb ON mb.sha256 = w.model_sha256"
          + " JOIN blobs sb ON sb.sha256 = s.blob_sha256"
          + " WHERE w.id = :id")
  AssignmentRow assignment(@Bind("id") long id);

  @SqlQuery("SELECT COUNT(*) FROM work_units")
  long count();
}
