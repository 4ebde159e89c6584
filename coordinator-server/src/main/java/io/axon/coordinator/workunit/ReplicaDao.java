package io.axon.coordinator.workunit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code replicas} table. Every state change names the state it expects, so that two
 * coordinators (or two threads) can never both win the same transition.
 */
@RegisterConstructorMapper(Replica.class)
@RegisterConstructorMapper(AssignmentRow.class)
@RegisterConstructorMapper(DispatchHost.class)
@RegisterConstructorMapper(HeldReplica.class)
@RegisterConstructorMapper(RunningJob.class)
@RegisterConstructorMapper(UnsentReplica.class)
public interface ReplicaDao {
  String COLUMNS =
      "id, work_unit_id, job_id, round, server_state, outcome, validate_state, host_id,"
          + " sent_millis, deadline_millis, result_sha256, detail";

  @SqlUpdate(
      "INSERT INTO replicas (work_unit_id, job_id, round, server_state, validate_state,"
          + " created_millis) VALUES (:unitId, :jobId, :round, 'UNSENT', 'INIT', :now)")
  void insert(
      @Bind("unitId") long unitId,
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("now") long now);

  @SqlQuery("SELECT " + COLUMNS + " FROM replicas WHERE work_unit_id = :unitId ORDER BY id")
  List<Replica> forUnit(@Bind("unitId") long unitId);

  /** The replica of a unit that went to {@code hostId}, if one did. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM replicas WHERE work_unit_id = :unitId AND host_id = :hostId"
          + " ORDER BY id DESC LIMIT 1")
  Optional<Replica> onHost(@Bind("unitId") long unitId, @Bind("hostId") long hostId);

  @SqlQuery(
      "SELECT id, cores, memory_bytes, rtt_millis, kernels, account_id, consecutive_valid"
          + " FROM hosts WHERE id = :id")
  Optional<DispatchHost> host(@Bind("id") long id);

  /** The replicas of running jobs' current rounds in progress on {@code hostId}, oldest first. */
  @SqlQuery(
      "SELECT r.id, r.work_unit_id, j.delay_bound_millis"
          + " FROM replicas r JOIN jobs j ON j.id = r.job_id"
          + " WHERE r.host_id = :hostId AND r.server_state = 'IN_PROGRESS'"
          + " AND j.state = 'RUNNING' AND r.round = j.round ORDER BY r.id")
  List<HeldReplica> inProgressOn(@Bind("hostId") long hostId);

  /** The running jobs with what dispatch needs of them, oldest first. */
  @SqlQuery(
      "SELECT id, round, kernel, min_cores, min_memory_bytes, max_rtt_millis,"
          + " delay_bound_millis, adaptive FROM jobs WHERE state = 'RUNNING' ORDER BY id")
  List<RunningJob> runningJobs();

  /**
   * A page of the UNSENT replicas of a job's round, oldest first after replica {@code after}: an
   * index range scan of {@code replicas_sendable} that stops after {@code limit} rows.
   */
  @SqlQuery(
      "SELECT r.id, r.work_unit_id, w.flops FROM replicas r"
          + " JOIN work_units w ON w.id = r.work_unit_id"
          + " WHERE r.server_state = 'UNSENT' AND r.job_id = :jobId AND r.round = :round"
          + " AND r.id > :after ORDER BY r.id LIMIT :limit")
  List<UnsentReplica> unsent(
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("after") long after,
      @Bind("limit") int limit);

  /** Which of {@code units} the volunteer {@code owner} holds a replica of already. */
  @SqlQuery("SELECT work_unit_id FROM replicas WHERE work_unit_id IN (<units>) AND owner = :owner")
  List<Long> ownedAmong(@BindList("units") Collection<Long> units, @Bind("owner") String owner);

  @SqlUpdate(
      "UPDATE replicas SET server_state = 'IN_PROGRESS', host_id = :hostId, owner = :owner,"
          + " sent_millis = :now, deadline_millis = :deadline"
          + " WHERE id = :id AND server_state = 'UNSENT'")
  int send(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("owner") String owner,
      @Bind("now") long now,
      @Bind("deadline") long deadline);

  @SqlUpdate(
      "UPDATE replicas SET sent_millis = :now, deadline_millis = :deadline"
          + " WHERE id = :id AND host_id = :hostId AND server_state = 'IN_PROGRESS'")
  int resend(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("now") long now,
      @Bind("deadline") long deadline);

  /**
   * A result from the host: IN_PROGRESS, or a late one after NO_REPLY, to OVER/SUCCESS. {@code
   * late} says which state the caller saw.
   */
  @SqlUpdate(
      "UPDATE replicas SET server_state = 'OVER', outcome = 'SUCCESS', validate_state = 'INIT',"
          + " result_sha256 = :resultSha256, train_loss = :trainLoss, samples = :samples,"
          + " reported_flops = :reportedFlops, elapsed_millis = :elapsedMillis,"
          + " received_millis = :now"
          + " WHERE id = :id AND host_id = :hostId AND ((:late = FALSE"
          + " AND server_state = 'IN_PROGRESS') OR (:late = TRUE AND server_state = 'OVER'"
          + " AND outcome = 'NO_REPLY'))")
  int succeed(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("late") boolean late,
      @Bind("resultSha256") String resultSha256,
      @Bind("trainLoss") Double trainLoss,
      @Bind("samples") long samples,
      @Bind("reportedFlops") long reportedFlops,
      @Bind("elapsedMillis") long elapsedMillis,
      @Bind("now") long now);

  /** An upload that is no model of the job's shape: to OVER/VALIDATE_ERROR, INVALID. */
  @SqlUpdate(
      "UPDATE replicas SET server_state = 'OVER', outcome = 'VALIDATE_ERROR',"
          + " validate_state = 'INVALID', detail = :detail, received_millis = :now"
          + " WHERE id = :id AND host_id = :hostId AND (server_state = 'IN_PROGRESS'"
          + " OR (server_state = 'OVER' AND outcome = 'NO_REPLY'))")
  int reject(
      @Bind("id") long id,
      @Bind("hostId") long hostId,
      @Bind("detail") String detail,
      @Bind("now") long now);

  @SqlUpdate(
      "UPDATE replicas SET server_state = 'OVER', outcome = 'NO_REPLY'"
          + " WHERE id = :id AND server_state = 'IN_PROGRESS' AND deadline_millis < :now")
  int timeOut(@Bind("id") long id, @Bind("now") long now);

  @SqlUpdate(
      "UPDATE replicas SET validate_state = :to WHERE id = :id AND outcome = 'SUCCESS'"
          + " AND validate_state IN ('INIT', 'INCONCLUSIVE')")
  int judge(@Bind("id") long id, @Bind("to") Replica.ValidateState to);

  /** UNSENT replicas of a unit to OVER/DIDNT_NEED. */
  @SqlUpdate(
      "UPDATE replicas SET server_state = 'OVER', outcome = 'DIDNT_NEED'"
          + " WHERE work_unit_id = :unitId AND server_state = 'UNSENT'")
  int notNeeded(@Bind("unitId") long unitId);

  /** UNSENT replicas of a job's round (or every round, with null) to OVER/DIDNT_NEED. */
  @SqlUpdate(
      "UPDATE replicas SET server_state = 'OVER', outcome = 'DIDNT_NEED'"
          + " WHERE job_id = :jobId AND server_state = 'UNSENT'")
  int notNeededForJob(@Bind("jobId") long jobId);

  /** Units with a replica whose deadline passed, oldest deadline first. */
  @SqlQuery(
      "SELECT DISTINCT work_unit_id FROM replicas"
          + " WHERE server_state = 'IN_PROGRESS' AND deadline_millis < :now")
  List<Long> overdueUnits(@Bind("now") long now);

  /** The earliest deadline of any replica in progress, if there is one. */
  @SqlQuery("SELECT MIN(deadline_millis) FROM replicas WHERE server_state = 'IN_PROGRESS'")
  Optional<Long> nextDeadline();

  @SqlQuery(
      "SELECT w.id, r.job_id, j.name AS job_name, j.spec_json, j.inputs, j.outputs, w.round,"
          + " w.seed, w.model_sha256, mb.size_bytes AS model_size, s.blob_sha256 AS shard_sha256,"
          + " sb.size_bytes AS shard_size, r.deadline_millis, w.flops"
          + " FROM replicas r"
          + " JOIN work_units w ON w.id = r.work_unit_id"
          + " JOIN jobs j ON j.id = r.job_id"
          + " JOIN shards s ON s.job_id = w.job_id AND s.shard_index = w.shard_index"
          + " JOIN blobs mb ON mb.sha256 = w.model_sha256"
          + " JOIN blobs sb ON sb.sha256 = s.blob_sha256"
          + " WHERE r.id = :id")
  AssignmentRow assignment(@Bind("id") long id);

  @SqlUpdate("UPDATE hosts SET consecutive_valid = consecutive_valid + 1 WHERE id = :hostId")
  int countValid(@Bind("hostId") long hostId);

  @SqlUpdate("UPDATE hosts SET consecutive_valid = 0 WHERE id = :hostId")
  int resetValid(@Bind("hostId") long hostId);
}
