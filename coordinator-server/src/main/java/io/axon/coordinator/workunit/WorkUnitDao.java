package io.axon.coordinator.workunit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code work_units} table. State changes are conditional UPDATEs that name the state they
 * expect; callers go through {@link WorkUnits}, the {@link Transitioner} and the {@link
 * Assimilator}.
 */
@RegisterConstructorMapper(WorkUnitRow.class)
public interface WorkUnitDao extends SqlObject {
  String COLUMNS =
      "id, job_id, round, shard_index, state, seed, model_sha256, flops, target_replicas,"
          + " min_quorum, error_replicas, canonical_replica_id, result_sha256, failure_reason";

  @SqlUpdate(
      "INSERT INTO work_units (job_id, round, shard_index, state, seed, model_sha256, flops,"
          + " target_replicas, min_quorum)"
          + " VALUES (:jobId, :round, :shardIndex, 'OPEN', :seed, :modelSha256, :flops,"
          + " :targetReplicas, :minQuorum)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("shardIndex") int shardIndex,
      @Bind("seed") long seed,
      @Bind("modelSha256") String modelSha256,
      @Bind("flops") long flops,
      @Bind("targetReplicas") int targetReplicas,
      @Bind("minQuorum") int minQuorum);

  @SqlQuery("SELECT " + COLUMNS + " FROM work_units WHERE id = :id")
  Optional<WorkUnitRow> find(@Bind("id") long id);

  /**
   * The unit, locked until the end of the transaction: the transitioner and validator of every
   * coordinator take this lock before they change a unit or its replicas. The lock excludes the
   * other lockers and writers of the row, but not transactions that add rows referring to it
   * ({@link RowLock}).
   */
  default Optional<WorkUnitRow> lock(long id) {
    return lock(id, RowLock.forUpdate(getHandle()));
  }

  @SqlQuery("SELECT " + COLUMNS + " FROM work_units WHERE id = :id <rowLock>")
  Optional<WorkUnitRow> lock(@Bind("id") long id, @Define("rowLock") String rowLock);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM work_units WHERE job_id = :jobId AND round = :round ORDER BY shard_index")
  List<WorkUnitRow> forRound(@Bind("jobId") long jobId, @Bind("round") int round);

  /**
   * How many units of the round are in each state, counted on the {@code (state, job_id, round)}
   * index without reading the rows: the cheap question asked after every result and sweep.
   */
  @SqlQuery(
      "SELECT COUNT(*) FROM work_units WHERE state = :state AND job_id = :jobId AND round = :round")
  int countInState(
      @Bind("state") String state, @Bind("jobId") long jobId, @Bind("round") int round);

  /** OPEN to VALIDATED with the canonical replica and its result. */
  @SqlUpdate(
      "UPDATE work_units SET state = 'VALIDATED', canonical_replica_id = :replicaId,"
          + " result_sha256 = :resultSha256"
          + " WHERE id = :id AND state = 'OPEN' AND canonical_replica_id IS NULL")
  int validate(
      @Bind("id") long id,
      @Bind("replicaId") long replicaId,
      @Bind("resultSha256") String resultSha256);

  /** OPEN to FAILED with a reason the job's owner can read. */
  @SqlUpdate(
      "UPDATE work_units SET state = 'FAILED', failure_reason = :reason"
          + " WHERE id = :id AND state = 'OPEN'")
  int fail(@Bind("id") long id, @Bind("reason") String reason);

  @SqlUpdate(
      "UPDATE work_units SET target_replicas = :target, error_replicas = :errors WHERE id = :id")
  int setCounts(@Bind("id") long id, @Bind("target") int target, @Bind("errors") int errors);

  /**
   * Adaptive replication: a unit none of whose replicas went to anyone else yet will be trusted to
   * the one host that has {@code replicaId}.
   */
  @SqlUpdate(
      "UPDATE work_units SET target_replicas = 1, min_quorum = 1"
          + " WHERE id = :id AND state = 'OPEN' AND min_quorum > 1 AND NOT EXISTS"
          + " (SELECT 1 FROM replicas r WHERE r.work_unit_id = :id AND r.id <> :replicaId"
          + " AND r.server_state <> 'UNSENT')")
  int trustOneReplica(@Bind("id") long id, @Bind("replicaId") long replicaId);

  /** The round closed without them: OPEN units of the round to DROPPED. */
  @SqlUpdate(
      "UPDATE work_units SET state = 'DROPPED'"
          + " WHERE job_id = :jobId AND round = :round AND state = 'OPEN'")
  int dropOpen(@Bind("jobId") long jobId, @Bind("round") int round);

  @SqlQuery("SELECT COUNT(*) FROM work_units")
  long count();
}
