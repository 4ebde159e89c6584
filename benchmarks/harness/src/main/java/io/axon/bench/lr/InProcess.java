package io.axon.bench.lr;

import io.axon.coordinator.workunit.Seeds;
import io.axon.core.data.Dataset;
import io.axon.core.data.Labels;
import io.axon.core.data.Split;
import io.axon.core.data.Splits;
import io.axon.core.protocol.JobSpec;
import io.axon.core.training.Evaluation;
import io.axon.core.training.Kernel;
import io.axon.core.training.Model;
import io.axon.core.training.ModelAveraging;
import io.axon.core.training.ModelSpec;
import io.axon.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The two baselines that run in this one process with the volunteers' kernel: centralized training
 * on the whole training set, and the job's own rounds without the coordinator (the same shards,
 * per-unit seeds and FedAvg, one thread per shard) for the overhead figure.
 */
public final class InProcess {
  private InProcess() {}

  /**
   * Cumulative seconds and holdout accuracy after each of {@code epochs} epochs of training on the
   * whole training set, one thread (each epoch one call to {@code train}, seeded by the epoch).
   */
  public static Curve centralized(JobSpec spec, Split split, int epochs) {
    Kernel kernel = kernel(spec, split);
    Model model = kernel.initialize(spec.seed());
    Curve curve = new Curve(epochs);
    long start = System.nanoTime();
    for (int e = 1; e <= epochs; e++) {
      model =
          kernel
              .train(
                  model,
                  split.train(),
                  spec.hyperparameters(),
                  1,
                  spec.seed() + e,
                  1,
                  TrainingListener.NONE)
              .model();
      Evaluation evaluation = kernel.evaluate(model, split.holdout());
      curve.add((System.nanoTime() - start) / 1e9, evaluation.accuracy());
    }
    return curve;
  }

  /**
   * The job's rounds run directly: each round trains every shard on its own thread with the seed
   * the coordinator would give that work unit, averages by rows (FedAvg) and evaluates the holdout.
   * Sharding is done before the clock starts, as the coordinator does it at submission.
   */
  public static Curve direct(JobSpec spec, Split split, int rounds) throws Exception {
    Kernel kernel = kernel(spec, split);
    List<Dataset> shards = Splits.shards(split.train(), spec.shards());
    long[] rows = shards.stream().mapToLong(Dataset::rows).toArray();
    Model global = kernel.initialize(spec.seed());
    Curve curve = new Curve(rounds);
    ExecutorService pool = Executors.newFixedThreadPool(shards.size());
    try {
      long start = System.nanoTime();
      for (int r = 1; r <= rounds; r++) {
        List<Future<Model>> trained = new ArrayList<>();
        Model from = global;
        int round = r;
        for (int i = 0; i < shards.size(); i++) {
          Dataset shard = shards.get(i);
          long seed = Seeds.workUnit(spec.seed(), round, i);
          trained.add(
              pool.submit(
                  () ->
                      kernel
                          .train(
                              from,
                              shard,
                              spec.hyperparameters(),
                              spec.localEpochs(),
                              seed,
                              1,
                              TrainingListener.NONE)
                          .model()));
        }
        List<Model> models = new ArrayList<>();
        for (Future<Model> f : trained) {
          models.add(f.get());
        }
        global = ModelAveraging.weightedAverage(models, rows);
        curve.add(
            (System.nanoTime() - start) / 1e9, kernel.evaluate(global, split.holdout()).accuracy());
      }
    } finally {
      pool.shutdownNow();
    }
    return curve;
  }

  private static Kernel kernel(JobSpec spec, Split split) {
    int outputs = Labels.classCount(split.train(), spec.model());
    return Kernel.forSpec(
        new ModelSpec(spec.model(), split.train().features(), outputs, spec.hidden()));
  }
}
