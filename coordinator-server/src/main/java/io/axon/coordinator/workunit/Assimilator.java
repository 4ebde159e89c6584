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
import io.axon.core.training.RobustAggregation;
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
 * BOINC's assimilator: closes a round once enough of its work units have a canonical result ({@code
 * roundClosing.minShardFraction} of them, rounded up). It merges their models (FedAvg weighted by
 * shard rows, or the coordinate-wise median or trimmed mean), evaluates the merged model on the
 * holdout, records the round's metrics, drops the units still open (stragglers: their shards train
 * again next round, or are left out of later rounds with DROP), and either finishes the job or
 * issues the next round. A round that can no longer close (too many of its units failed) fails the
 * job with the first failed unit's reason.
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

  /** How many of a round's {@code units} must be VALIDATED before it closes. */
  public static int required(int units, double minShardFraction) {
    // a little slack so that 0.75 of 4 is 3, not 4 through rounding error
    return Math.max(1, (int) Math.ceil(units * minShardFraction - 1e-9));
  }

  /** The merge step of {@code aggregation} over the round's canonical models. */
  public static Model merge(JobSpec.Aggregation aggregation, List<Model> models, long[] rows) {
    return switch (aggregation.method()) {
      case FEDAVG -> ModelAveraging.weightedAverage(models, rows);
      case MEDIAN -> RobustAggregation.median(models);
      case TRIMMED_MEAN -> RobustAggregation.trimmedMean(models, aggregation.trimFraction());
    };
  }

  /**
   * Closes the current round of {@code jobId} if enough of its units are done, or fails the job if
   * they can no longer be; true if it did either.
   */
  public boolean assimilateIfComplete(long jobId) {
    JobRow job = jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId)).orElse(null);
    if (job == null || job.state() != JobState.RUNNING) {
      return false;
    }
    int round = job.round();
    JobSpec spec = job.spec();
    if (roundStillRunning(jobId, round, spec)) {
      return false;
    }
    List<WorkUnitRow> units =
        jdbi.withHandle(h -> h.attach(WorkUnitDao.class).forRound(jobId, round));
    if (units.isEmpty()) {
      return false;
    }
    int required = required(units.size(), spec.roundClosing().minShardFraction());
    List<WorkUnitRow> validated =
        units.stream().filter(u -> u.state() == WorkUnitState.VALIDATED).toList();
    long open = units.stream().filter(u -> u.state() == WorkUnitState.OPEN).count();
    if (validated.size() < required) {
      if (validated.size() + open < required) {
        WorkUnitRow failed =
            units.stream().filter(u -> u.state() == WorkUnitState.FAILED).findFirst().orElse(null);
        fail(
            jobId,
            round,
            "round "
                + round
                + " cannot close: "
                + (failed != null ? failed.failureReason() : "too few of its work units are left"));
        return true;
      }
      return false;
    }
    return close(job, spec, units, validated);
  }

  /**
   * True when the round can neither close nor fail yet (too few units validated, enough still
   * open), decided from index counts alone, so that a sweep over many running jobs, or a result
   * arriving, does not load a whole round of rows each time.
   */
  private boolean roundStillRunning(long jobId, int round, JobSpec spec) {
    int[] counts =
        jdbi.withHandle(
            h -> {
              WorkUnitDao dao = h.attach(WorkUnitDao.class);
              int[] byState = new int[WorkUnitState.values().length];
              for (WorkUnitState state : WorkUnitState.values()) {
                byState[state.ordinal()] = dao.countInState(state.name(), jobId, round);
              }
              return byState;
            });
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    if (total == 0) {
      return true;
    }
    int validated = counts[WorkUnitState.VALIDATED.ordinal()];
    int open = counts[WorkUnitState.OPEN.ordinal()];
    int required = required(total, spec.roundClosing().minShardFraction());
    return validated < required && validated + open >= required;
  }

  private boolean close(
      JobRow job, JobSpec spec, List<WorkUnitRow> units, List<WorkUnitRow> validated) {
    long jobId = job.id();
    int round = job.round();
    List<ShardRow> shards = jdbi.withHandle(h -> h.attach(JobDao.class).shards(jobId));
    Map<Integer, ShardRow> shardByIndex =
        shards.stream().collect(Collectors.toMap(ShardRow::shardIndex, Function.identity()));

    List<Model> models = new ArrayList<>(validated.size());
    long[] rows = new long[validated.size()];
    for (int i = 0; i < validated.size(); i++) {
      WorkUnitRow unit = validated.get(i);
      models.add(ModelFormat.decode(blobs.require(unit.resultSha256())));
      rows[i] = shardByIndex.get(unit.shardIndex()).rowCount();
    }
    Kernel kernel = Kernel.forSpec(job.modelSpec(spec));
    Model merged = merge(spec.aggregation(), models, rows);
    Dataset holdout = ShardFormat.decode(blobs.require(job.holdoutSha256()));
    Evaluation evaluation = kernel.evaluate(merged, holdout);
    byte[] mergedBytes = ModelFormat.encode(merged);
    boolean targetReached =
        spec.targetAccuracy() != null && evaluation.accuracy() >= spec.targetAccuracy();
    boolean finished = round >= job.rounds() || targetReached;
    List<Integer> stragglers =
        units.stream()
            .filter(u -> u.state() != WorkUnitState.VALIDATED)
            .map(WorkUnitRow::shardIndex)
            .toList();
    boolean dropStragglers =
        spec.roundClosing().stragglers() == JobSpec.RoundClosing.Stragglers.DROP;
    long now = clock.millis();

    boolean closed =
        Transactions.retrying(
            jdbi,
            h -> {
              BlobRef model = blobs.put(h, mergedBytes);
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
              h.attach(WorkUnitDao.class).dropOpen(jobId, round);
              h.attach(ReplicaDao.class).notNeededForJob(jobId);
              if (dropStragglers) {
                for (int shard : stragglers) {
                  jobs.dropShard(jobId, shard, round);
                }
              }
              if (!finished) {
                List<ShardRow> next =
                    dropStragglers
                        ? shards.stream().filter(s -> !stragglers.contains(s.shardIndex())).toList()
                        : shards;
                next = next.stream().filter(s -> s.droppedRound() == null).toList();
                WorkUnits.issueRound(h, jobId, spec, kernel, round + 1, model.sha256(), next, now);
              }
              return true;
            });
    if (closed) {
      log.info(
          "job {} ({}) round {}/{}: {} of {} units, holdout loss {}{}{}",
          jobId,
          job.name(),
          round,
          job.rounds(),
          validated.size(),
          units.size(),
          String.format(Locale.ROOT, "%.4f", evaluation.loss()),
          spec.model().isClassifier()
              ? String.format(Locale.ROOT, " accuracy %.4f", evaluation.accuracy())
              : "",
          finished ? (targetReached ? " - target reached, done" : " - done") : "");
    }
    return closed;
  }

  /** Fails a job that cannot go on, with a reason its owner reads in its status. */
  public void fail(long jobId, int round, String reason) {
    String text = reason.length() <= 2000 ? reason : reason.substring(0, 1997) + "...";
    int updated =
        Transactions.retrying(
            jdbi,
            h -> {
              int n = h.attach(JobDao.class).fail(jobId, round, text, clock.instant());
              if (n == 1) {
                h.attach(ReplicaDao.class).notNeededForJob(jobId);
              }
              return n;
            });
    if (updated == 1) {
      log.error("job {} failed in round {}: {}", jobId, round, text);
    }
  }
}
