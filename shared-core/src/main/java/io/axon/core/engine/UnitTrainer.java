package io.axon.core.engine;

import io.axon.core.common.Sha256;
import io.axon.core.data.Dataset;
import io.axon.core.data.ShardFormat;
import io.axon.core.engine.PendingResults.PendingResult;
import io.axon.core.protocol.BlobRef;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkAssignment;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelFormat;
import io.axon.core.training.TrainingListener;
import io.axon.core.training.TrainingResult;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Does one work unit: fetches its model and shard through the blob cache, decodes them, checks that
 * they fit the assignment, trains, and encodes the result.
 */
final class UnitTrainer {
  private final BlobCache blobs;
  private final CoordinatorSession session;
  private final int threads;
  private final EngineListener listener;
  private final BooleanSupplier cancelled;

  UnitTrainer(
      BlobCache blobs,
      CoordinatorSession session,
      int threads,
      EngineListener listener,
      BooleanSupplier cancelled) {
    this.blobs = blobs;
    this.session = session;
    this.threads = threads;
    this.listener = listener;
    this.cancelled = cancelled;
  }

  /** A trained unit: the result to hand in, and the shard size for the progress line. */
  record Trained(PendingResult result, int rows, TrainingResult training, long elapsedMillis) {}

  /**
   * Trains {@code unit}.
   *
   * @throws IOException if a blob cannot be fetched
   * @throws IllegalArgumentException if the blobs are malformed or do not fit the assignment
   * @throws TrainingListener.CancelledException if the engine is stopped meanwhile
   */
  Trained train(WorkAssignment unit) throws IOException {
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
    TrainingResult trained =
        Kernel.forSpec(unit.model())
            .train(
                start,
                shard,
                unit.hyperparameters(),
                unit.localEpochs(),
                unit.seed(),
                threads,
                progress(unit));
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

  private TrainingListener progress(WorkAssignment unit) {
    return new TrainingListener() {
      @Override
      public void epochFinished(int epoch, int epochs, double meanLoss) {
        listener.epochFinished(unit, epoch, epochs, meanLoss);
      }

      @Override
      public boolean isCancelled() {
        return cancelled.getAsBoolean();
      }
    };
  }
}
