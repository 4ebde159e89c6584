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
          + " model_sha256, holdout_sha256";

  @SqlUpdate(
      "INSERT INTO jobs (name, state, spec_json, feature_columns_json, round, rounds, inputs,"
          + " outputs, train_rows, holdout_rows, model_sha256, holdout_sha256, created_at)"
          + " VALUES (:name, 'RUNNING', :specJson, :featureColumnsJson, 1, :rounds, :inputs,"
          + " :outputs, :trainRows, :holdoutRows, :modelSha256, :holdoutSha256, :now)")
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
      @Bind("now") Instant now);

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

  @SqlUpdate(
      "INSERT INTO shards (job_id, shard_index, blob_sha256, row_count)"
          + " VALUES (:jobId, :shardIndex, :blobSha256, :rowCount)")
  void insertShard(@BindMethods ShardRow shard);

  @SqlQuery(
      "SELECT job_id, shard_index, blob_sha256, row_count FROM shards WHERE job_id = :jobId"
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
