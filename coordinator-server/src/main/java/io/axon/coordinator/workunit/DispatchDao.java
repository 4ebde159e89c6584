package io.axon.coordinator.workunit;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The queries of the {@link Feeder}: pages of sendable replicas read straight off the {@code
 * replicas_sendable} index with everything an assignment needs, and the claim of one of them.
 */
@RegisterConstructorMapper(FeedJob.class)
@RegisterConstructorMapper(Candidate.class)
@RegisterConstructorMapper(AskingHost.class)
public interface DispatchDao {

  /**
   * The asking host and the replicas in progress on it, oldest first, in one statement: by primary
   * key, then the {@code replicas_host} index, then the jobs' primary key.
   */
  @SqlQuery(
      "SELECT h.id, h.cores, h.memory_bytes, h.rtt_millis, h.kernels, h.account_id,"
          + " h.consecutive_valid, r.id AS replica_id, r.work_unit_id, r.round AS replica_round,"
          + " j.state AS job_state, j.round AS job_round, j.delay_bound_millis"
          + " FROM hosts h"
          + " LEFT JOIN replicas r ON r.host_id = h.id AND r.server_state = 'IN_PROGRESS'"
          + " LEFT JOIN jobs j ON j.id = r.job_id"
          + " WHERE h.id = :id ORDER BY r.id")
  List<AskingHost> askingHost(@Bind("id") long id);

  /** The running jobs, oldest first, with what dispatch and their assignments need. */
  @SqlQuery(
      "SELECT id, name, spec_json, inputs, outputs, round, kernel, min_cores, min_memory_bytes,"
          + " max_rtt_millis, delay_bound_millis, adaptive"
          + " FROM jobs WHERE state = 'RUNNING' ORDER BY id")
  List<FeedJob> runningJobs();

  /**
   * Up to {@code limit} UNSENT replicas of a job's round after replica {@code after}, oldest first.
   * The ORDER BY names the index's columns so that H2, too, reads the index in order and stops
   * after {@code limit} rows instead of sorting every UNSENT replica.
   */
  @SqlQuery(
      "SELECT r.id, r.work_unit_id, w.seed, w.flops, w.model_sha256, mb.size_bytes AS model_size,"
          + " s.blob_sha256 AS shard_sha256, sb.size_bytes AS shard_size"
          + " FROM replicas r"
          + " JOIN work_units w ON w.id = r.work_unit_id"
          + " JOIN shards s ON s.job_id = w.job_id AND s.shard_index = w.shard_index"
          + " JOIN blobs mb ON mb.sha256 = w.model_sha256"
          + " JOIN blobs sb ON sb.sha256 = s.blob_sha256"
          + " WHERE r.server_state = 'UNSENT' AND r.job_id = :jobId AND r.round = :round"
          + " AND r.id > :after"
          + " ORDER BY r.server_state, r.job_id, r.round, r.id LIMIT :limit")
  List<Candidate> sendable(
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("after") long after,
      @Bind("limit") int limit);

  /**
   * UNSENT to IN_PROGRESS on this host, if the replica's job still runs that round: 0 if another
   * host (or coordinator) took it first, or its round or job is over.
   */
  @SqlUpdate(
      "UPDATE replicas SET server_state = 'IN_PROGRESS', host_id = :hostId, owner = :owner,"
          + " sent_millis = :now, deadline_millis = :deadline"
          + " WHERE id = :id AND server_state = 'UNSENT' AND EXISTS (SELECT 1 FROM jobs j"
          + " WHERE j.id = :jobId AND j.state = 'RUNNING' AND j.round = :round)")
  int claim(
      @Bind("id") long id,
      @Bind("jobId") long jobId,
      @Bind("round") int round,
      @Bind("hostId") long hostId,
      @Bind("owner") String owner,
      @Bind("now") long now,
      @Bind("deadline") long deadline);
}
