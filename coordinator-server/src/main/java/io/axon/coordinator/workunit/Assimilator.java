package io.axon.coordinator.workunit;

import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.job.JobDao;
import io.axon.coordinator.job.JobRow;
import io.axon.coordinator.job.RoundMetricsRow;
import io.axon.coordinator.job.ShardRow;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus.JobState;
import io.axon.core.training.Evaluation;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelAveraging;
import io.axon.core.training.ModelFormat;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a round once all its work units are done: averages their models weighted by shard rows
 * (FedAvg), evaluates the average on the holdout, records the round's metrics, and either finishes
 * the job or issues the next round from the new global model.
 *
 * <p>Idempotent: the writes happen in one transaction guarded by a conditional update of the job's
 * round, so running it twice, or on two coordinators, closes a round once.
 */
@Singleton
public final class Assimilator {
  private static final Logger log = LoggerFactory.getLogger(Assimilator.class);

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final Clock clock;

  @Inject
  public Assimilator(Database database, BlobStore blobs, Clock clock) {
    this.jdbi = database.jdbi();
    this.blobs = blobs;
    this.clock = clock;
  }

  /** Closes the current round of {@code jobId} if all its units are done; true if it did. */
  public boolean assimilateIfComplete(long jobId) {
    JobRow job = jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId)).orElse(null);
    if (job == null || job.state() != JobState.RUNNING) {
      return false;
    }
    int round = job.round();
    List<WorkUnitRow> units =
        jdbi.withHandle(h -> h.attach(WorkUnitDao.class).forRound(jobId, round));
    if (units.isEmpty() || units.stream().anyMatch(u -> u.state() != WorkUnitState.DONE)) {
      return false;
    }
    List<ShardRow> shards = jdbi.withHandle(h -> h.attach(JobDao.class).shards(jobId));
    Map<Integer, ShardRow> shardByIndex =
        shards.stream().collect(Collectors.toMap(ShardRow::shardIndex, Function.identity()));

    List<Model> models = new ArrayList<>(units.size());
    long[] weights = new long[units.size()];
    for (int i = 0; i < units.size(); i++) {
      WorkUnitRow unit = units.get(i);
      models.add(ModelFormat.decode(blobs.require(unit.resultSha256())));
      weights[i] = shardByIndex.get(unit.shardIndex()).rowCount();
    }
    JobSpec spec = job.spec();
    Kernel kernel = Kernel.forSpec(job.modelSpec(spec));
    Model average = ModelAveraging.weightedAverage(models, weights);
    Dataset holdout = ShardFormat.decode(blobs.require(job.holdoutSha256()));
    Evaluation evaluation = kernel.evaluate(average, holdout);
    byte[] averageBytes = ModelFormat.encode(average);
    boolean targetReached =
        spec.targetAccuracy() != null && evaluation.accuracy() >= spec.targetAccuracy();
    boolean finished = round >= job.rounds() || targetReached;
    long now = clock.millis();

    boolean closed =
        jdbi.inTransaction(
            h -> {
              BlobRef model = blobs.put(h, averageBytes);
              JobDao jobs = h.attach(JobDao.class);
              int updated =
                  finished
                      ? jobs.finish(
                          jobId, round, JobState.DONE.name(), model.sha256(), clock.instant())
                      : jobs.advance(jobId, round, model.sha256());
              if (updated == 0) {
                h.rollback();
                return false;
              }
              Double accuracy =
                  spec.model().isClassifier() ? Double.valueOf(evaluation.accuracy()) : null;
              jobs.insertMetrics(
                  new RoundMetricsRow(
                      jobId, round, evaluation.loss(), accuracy, model.sha256(), now));
              if (!finished) {
                WorkUnits.issueRound(h, jobId, spec, kernel, round + 1, model.sha256(), shards);
              }
              return true;
            });
    if (closed) {
      log.info(
          "job {} ({}) round {}/{}: holdout loss {}{}{}",
          jobId,
          job.name(),
          round,
          job.rounds(),
          String.format(Locale.ROOT, "%.4f", evaluation.loss()),
          spec.model().isClassifier()
              ? String.format(Locale.ROOT, " accuracy %.4f", evaluation.accuracy())
              : "",
          finished ? (targetReached ? " - target reached, done" : " - done") : "");
    }
    return closed;
  }

  /** Marks a job that cannot go on (e.g. a stored blob no longer decodes) as FAILED. */
  public void fail(long jobId, int round, String reason) {
    String model =
        jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId))
            .map(JobRow::modelSha256)
            .orElse(null);
    if (model == null) {
      return;
    }
    int updated =
        jdbi.withHandle(
            h ->
                h.attach(JobDao.class)
                    .finish(jobId, round, JobState.FAILED.name(), model, clock.instant()));
    if (updated == 1) {
      log.error("job {} failed in round {}: {}", jobId, round, reason);
    }
  }
}
