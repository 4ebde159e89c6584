package io.axon.coordinator.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code jobs}, {@code shards} and {@code round_metrics} tables. */
@RegisterConstructorMapper(JobRow.class)
@RegisterConstructorMapper(ShardRow.class)
@RegisterConstructorMapper(RoundMetricsRow.class)
public interface JobDao {
  String JOB_COLUMNS =
      "id, name, state, spec_json, round, rounds, inputs, outputs, train_rows, holdout_rows,"
          + " model_sha256, holdout_sha256, failure_reason";

  @SqlUpdate(
      "INSERT INTO jobs (name, state, spec_json, feature_columns_json, round, rounds, inputs,"
          + " outputs, train_rows, holdout_rows, model_sha256, holdout_sha256, created_at,"
          + " kernel, min_cores, min_memory_bytes, max_rtt_millis, delay_bound_millis, adaptive,"
          + " payout_per_credit)"
          + " VALUES (:name, 'RUNNING', :specJson, :featureColumnsJson, 1, :rounds, :inputs,"
          + " :outputs, :trainRows, :holdoutRows, :modelSha256, :holdoutSha256, :now,"
          + " :lifecycle.kernel, :lifecycle.minCores, :lifecycle.minMemoryBytes,"
          + " :lifecycle.maxRttMillis, :lifecycle.delayBoundMillis, :lifecycle.adaptive,"
          + " :lifecycle.payoutPerCredit)")
  @GetGeneratedKeys("id")
  long insert(
      @Bind("name") String name,
      @Bind("specJson") String specJson,
      @Bind("featureColumnsJson") String featureColumnsJson,
      @Bind("rounds") int rounds,
      @Bind("inputs") int inputs,
      @Bind("outputs") int outputs,
      @Bind("trainRows") long trainRows,
      @Bind("holdoutRows") long holdoutRows,
      @Bind("modelSha256") String modelSha256,
      @Bind("holdoutSha256") String holdoutSha256,
      @Bind("now") Instant now,
      @BindMethods("lifecycle") JobLifecycle lifecycle);

  @SqlQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = :id")
  Optional<JobRow> find(@Bind("id") long id);

  @SqlQuery("SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY id")
  List<JobRow> all();

  @SqlQuery("SELECT id FROM jobs WHERE state = 'RUNNING' ORDER BY id")
  List<Long> running();

  /** Moves a running job from {@code round} to the next; 0 if another pass already did. */
  @SqlUpdate(
      "UPDATE jobs SET round = :round + 1, model_sha256 = :modelSha256"
          + " WHERE id = :id AND round = :round AND state = 'RUNNING'")
  int advance(
      @Bind("id") long id, @Bind("round") int round, @Bind("modelSha256") String modelSha256);

  /** Ends a running job after {@code round}; 0 if another pass already did. */
  @SqlUpdate(
      "UPDATE jobs SET state = :state, model_sha256 = :modelSha256, finished_at = :now"
          + " WHERE id = :id AND round = :round AND state = 'RUNNING'")
  int finish(
      @Bind("id") long id,
      @Bind("round") int round,
      @Bind("state") String state,
      @Bind("modelSha256") String modelSha256,
      @Bind("now") Instant now);

  /** Fails a running job in {@code round} with a reason; 0 if it is not running that round. */
  @SqlUpdate(
      "UPDATE jobs SET state = 'FAILED', failure_reason = :reason, finished_at = :now"
          + " WHERE id = :id AND round = :round AND state = 'RUNNING'")
  int fail(
      @Bind("id") long id,
      @Bind("round") int round,
      @Bind("reason") String reason,
      @Bind("now") Instant now);

  /** Leaves a shard out of the rounds after {@code round} (stragglers DROP). */
  @SqlUpdate(
      "UPDATE shards SET dropped_round = :round"
          + " WHERE job_id = :jobId AND shard_index = :shardIndex AND dropped_round IS NULL")
  int dropShard(
      @Bind("jobId") long jobId, @Bind("shardIndex") int shardIndex, @Bind("round") int round);

  @SqlUpdate(
      "INSERT INTO shards (job_id, shard_index, blob_sha256, row_count)"
          + " VALUES (:jobId, :shardIndex, :blobSha256, :rowCount)")
  void insertShard(@BindMethods ShardRow shard);

  @SqlQuery(
      "SELECT job_id, shard_index, blob_sha256, row_count, dropped_round FROM shards"
          + " WHERE job_id = :jobId"
          + " ORDER BY shard_index")
  List<ShardRow> shards(@Bind("jobId") long jobId);

  @SqlUpdate(
      "INSERT INTO round_metrics (job_id, round, loss, accuracy, model_sha256, finished_millis)"
          + " VALUES (:jobId, :round, :loss, :accuracy, :modelSha256, :finishedMillis)")
  void insertMetrics(@BindMethods RoundMetricsRow metrics);

  @SqlQuery(
      "SELECT job_id, round, loss, accuracy, model_sha256, finished_millis FROM round_metrics"
          + " WHERE job_id = :jobId ORDER BY round")
  List<RoundMetricsRow> metrics(@Bind("jobId") long jobId);

  @SqlQuery("SELECT COUNT(*) FROM jobs")
  long count();
}
