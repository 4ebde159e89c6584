package io.axon.coordinator.job;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import io.axon.coordinator.blob.BlobStore;
import io.axon.coordinator.db.Database;
import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.workunit.WorkUnits;
import io.axon.core.data.CsvDatasets;
import io.axon.core.data.Dataset;
import io.axon.core.data.Labels;
import io.axon.core.data.ShardFormat;
import io.axon.core.data.Splits;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.JobStatus.RoundMetrics;
import io.axon.core.protocol.ProtocolJson;
import io.axon.core.training.Kernel;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.ModelSpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job submission into a sharded job with its first round of work units, and reports where
 * jobs stand. Everything is checked before anything is written, and written in one transaction: a
 * bad spec or CSV leaves no trace.
 */
@Singleton
public final class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  private static final int MAX_FEATURE_COLUMNS_JSON = 1_000_000;
  private static final JsonAdapter<List<String>> FEATURE_COLUMNS =
      ProtocolJson.moshi().adapter(Types.newParameterizedType(List.class, String.class));

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final Clock clock;

  @Inject
  public JobService(Database database, BlobStore blobs, Clock clock) {
    this.jdbi = database.jdbi();
    this.blobs = blobs;
    this.clock = clock;
  }

  /** Reads the CSV, splits and shards it, and stores the job with its round-1 work units. */
  public JobStatus submit(JobSpec spec, Reader csv) throws IOException {
    var table = badRequestIfInvalid("CSV data", () -> CsvDatasets.read(csv, spec.labelColumn()));
    Dataset data = table.data();
    String featureColumnsJson = FEATURE_COLUMNS.toJson(List.copyOf(table.featureColumns()));
    if (featureColumnsJson.length() > MAX_FEATURE_COLUMNS_JSON) {
      throw ApiException.badRequest("CSV header is too long: over 1,000,000 characters");
    }
    int outputs = badRequestIfInvalid("CSV labels", () -> Labels.classCount(data, spec.model()));
    ModelSpec modelSpec =
        badRequestIfInvalid(
            "model", () -> new ModelSpec(spec.model(), data.features(), outputs, spec.hidden()));
    var split =
        badRequestIfInvalid(
            "holdout split", () -> Splits.holdout(data, spec.holdoutFraction(), spec.seed()));
    Dataset train = split.train();
    Dataset holdout = split.holdout();
    if (holdout.rows() < 1) {
      throw ApiException.badRequest(
          "holdoutFraction "
              + spec.holdoutFraction()
              + " of "
              + data.rows()
              + " rows leaves no holdout row");
    }
    if (train.rows() < spec.shards()) {
      throw ApiException.badRequest(
          "shards is " + spec.shards() + " but only " + train.rows() + " training rows remain");
    }
    List<Dataset> shards = Splits.shards(train, spec.shards());
    Kernel kernel = Kernel.forSpec(modelSpec);
    byte[] initialModel = ModelFormat.encode(kernel.initialize(spec.seed()));
    byte[] holdoutBytes = ShardFormat.encode(holdout);
    List<byte[]> shardBytes = new ArrayList<>(shards.size());
    for (Dataset shard : shards) {
      shardBytes.add(ShardFormat.encode(shard));
    }

    long jobId =
        jdbi.inTransaction(
            h -> {
              String modelSha = blobs.put(h, initialModel).sha256();
              String holdoutSha = blobs.put(h, holdoutBytes).sha256();
              JobDao jobs = h.attach(JobDao.class);
              long id =
                  jobs.insert(
                      spec.name(),
                      ProtocolJson.toJson(spec),
                      featureColumnsJson,
                      spec.rounds(),
                      modelSpec.inputs(),
                      modelSpec.outputs(),
                      train.rows(),
                      holdout.rows(),
                      modelSha,
                      holdoutSha,
                      clock.instant(),
                      JobLifecycle.of(spec));
              List<ShardRow> shardRows = new ArrayList<>(shards.size());
              for (int i = 0; i < shards.size(); i++) {
                ShardRow row =
                    new ShardRow(
                        id,
                        i,
                        blobs.put(h, shardBytes.get(i)).sha256(),
                        shards.get(i).rows(),
                        null);
                jobs.insertShard(row);
                shardRows.add(row);
              }
              WorkUnits.issueRound(h, id, spec, kernel, 1, modelSha, shardRows, clock.millis());
              return id;
            });
    log.info(
        "job {} ({}) submitted: {} {} on {} train / {} holdout rows, {} shards, {} rounds",
        jobId,
        spec.name(),
        spec.model(),
        modelSpec.inputs() + "->" + modelSpec.outputs(),
        train.rows(),
        holdout.rows(),
        spec.shards(),
        spec.rounds());
    return status(jobId).orElseThrow();
  }

  public Optional<JobStatus> status(long jobId) {
    return jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId).map(job -> toStatus(h, job)));
  }

  public List<JobStatus> all() {
    return jdbi.withHandle(
        h -> h.attach(JobDao.class).all().stream().map(job -> toStatus(h, job)).toList());
  }

  /** The current global model of a job: its name (SHA-256) and bytes. */
  public Optional<JobModel> model(long jobId) {
    return jdbi.withHandle(h -> h.attach(JobDao.class).find(jobId))
        .map(job -> new JobModel(job.modelSha256(), blobs.require(job.modelSha256())));
  }

  /** A job's current global model. */
  public record JobModel(String sha256, byte[] bytes) {}

  private static JobStatus toStatus(Handle h, JobRow job) {
    List<RoundMetrics> metrics =
        h.attach(JobDao.class).metrics(job.id()).stream()
            .map(
                m ->
                    new RoundMetrics(
                        m.round(),
                        m.loss(),
                        // regression has no accuracy: NULL here, NaN in the record, null in JSON
                        m.accuracy() == null ? Double.NaN : m.accuracy(),
                        m.finishedMillis()))
            .toList();
    return new JobStatus(
        job.id(),
        job.name(),
        job.state(),
        job.round(),
        job.rounds(),
        job.inputs(),
        job.outputs(),
        job.trainRows(),
        job.holdoutRows(),
        job.modelSha256(),
        metrics,
        job.failureReason());
  }

  private interface Check<T> {
    T get() throws IOException;
  }

  private static <T> T badRequestIfInvalid(String what, Check<T> check) throws IOException {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(what + ": " + e.getMessage());
    }
  }
}
