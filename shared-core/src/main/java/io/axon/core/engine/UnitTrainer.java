package io.axon.core.engine;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.CheckpointException;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingCheckpoint;
import io.axon.core.training.TrainingListener;
import io.axon.core.training.TrainingResult;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one work unit: fetches its model and shard through the blob cache, decodes them, checks that
 * they fit the assignment, trains (from a checkpoint if one is given), saving a checkpoint every
 * {@code checkpointInterval} and when cancelled, and encodes the result.
 */
final class UnitTrainer {
  private static final Logger log = LoggerFactory.getLogger(UnitTrainer.class);

  private final BlobCache blobs;
  private final CoordinatorSession session;
  private final CheckpointStore checkpoints;
  private final int threads;
  private final long checkpointNanos;
  private final EngineListener listener;
  private final BooleanSupplier cancelled;

  UnitTrainer(
      BlobCache blobs,
      CoordinatorSession session,
      CheckpointStore checkpoints,
      int threads,
      Duration checkpointInterval,
      EngineListener listener,
      BooleanSupplier cancelled) {
    this.blobs = blobs;
    this.session = session;
    this.checkpoints = checkpoints;
    this.threads = threads;
    this.checkpointNanos = checkpointInterval.toNanos();
    this.listener = listener;
    this.cancelled = cancelled;
  }

  /** A trained unit: the result to hand in, and the shard size for the progress line. */
  record Trained(PendingResult result, int rows, TrainingResult training, long elapsedMillis) {}

  /**
   * Trains {@code unit}, continuing from {@code resumeFrom} unless it is null. A checkpoint that
   * turns out to belong to another run is discarded and the unit trained from the start.
   *
   * @throws IOException if a blob cannot be fetched
   * @throws IllegalArgumentException if the blobs are malformed or do not fit the assignment
   * @throws TrainingListener.CancelledException if the engine is stopped meanwhile (a checkpoint is
   *     saved first)
   */
  Trained train(WorkAssignment unit, TrainingCheckpoint resumeFrom) throws IOException {
    Model start = ModelFormat.decode(fetch(unit.modelBlob()));
    if (!start.spec().equals(unit.model())) {
      throw new IllegalArgumentException(
          "work unit " + unit.workUnitId() + " expects " + unit.model() + ", got " + start.spec());
    }
    Dataset shard = ShardFormat.decode(fetch(unit.shardBlob()));
    if (shard.features() != unit.model().inputs()) {
      throw new IllegalArgumentException(
          "work unit "
              + unit.workUnitId()
              + " expects "
              + unit.model().inputs()
              + " features, the shard has "
              + shard.features());
    }
    long began = System.nanoTime();
    Kernel kernel = Kernel.forSpec(unit.model());
    Progress progress = new Progress(unit);
    TrainingResult trained;
    try {
      trained =
          kernel.train(
              start,
              shard,
              unit.hyperparameters(),
              unit.localEpochs(),
              unit.seed(),
              threads,
              progress,
              resumeFrom);
    } catch (CheckpointException e) {
      if (resumeFrom == null) {
        throw e;
      }
      checkpoints.discardProgress(unit.workUnitId(), e.getMessage());
      trained =
          kernel.train(
              start,
              shard,
              unit.hyperparameters(),
              unit.localEpochs(),
              unit.seed(),
              threads,
              progress);
    }
    long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
    byte[] model = ModelFormat.encode(trained.model());
    ResultReport report =
        new ResultReport(
            unit.workUnitId(),
            Sha256.hex(model),
            trained.meanLoss(),
            trained.samples(),
            trained.flops(),
            elapsedMillis);
    return new Trained(new PendingResult(report, model), shard.rows(), trained, elapsedMillis);
  }

  private byte[] fetch(BlobRef blob) throws IOException {
    return blobs.get(blob.sha256(), sha -> session.call(client -> client.downloadBlob(sha)));
  }

  /** Relays epochs to the engine listener, and saves checkpoints on time and on a stop. */
  private final class Progress implements TrainingListener {
    private final WorkAssignment unit;
    private long lastSaved = System.nanoTime();
    private int polls;

    Progress(WorkAssignment unit) {
      this.unit = unit;
    }

    @Override
    public void epochFinished(int epoch, int epochs, double meanLoss) {
      listener.epochFinished(unit, epoch, epochs, meanLoss);
    }

    @Override
    public boolean isCancelled() {
      return cancelled.getAsBoolean();
    }

    /**
     * Due when the interval has passed (the clock is read every eighth mini-batch: reading it on
     * every one costs a tiny logistic regression about 4 %) or when the engine is stopping.
     */
    @Override
    public boolean checkpointDue() {
      return ((++polls & 7) == 0 && System.nanoTime() - lastSaved >= checkpointNanos)
          || cancelled.getAsBoolean();
    }

    @Override
    public void checkpoint(TrainingCheckpoint checkpoint) {
      lastSaved = System.nanoTime();
      try {
        checkpoints.save(unit.workUnitId(), checkpoint);
      } catch (IOException e) {
        // training goes on; only the work since the last good checkpoint is at risk
        log.warn(
            "Could not save a checkpoint of work unit {}: {}", unit.workUnitId(), e.toString());
        return;
      }
      listener.checkpointSaved(unit, checkpoint.progress());
    }
  }
}
