package io.axon.core.protocol;

import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/jobs}: the JSON part {@code spec} of a multipart upload whose part {@code
 * data} is the training set as CSV with a header row.
 *
 * @param name job name: letters, digits, '.', '_' and '-', 1 to 64 characters
 * @param model model family; inputs come from the CSV's columns, classes from its labels
 * @param hidden hidden layer widths (MLP only)
 * @param hyperparameters SGD settings used by the volunteers
 * @param labelColumn the CSV column holding the label
 * @param shards number of shards, one work unit each per round
 * @param localEpochs epochs each volunteer trains per round
 * @param rounds the most rounds to run
 * @param targetAccuracy stop early once holdout accuracy reaches this; null to run all rounds
 * @param holdoutFraction part of the rows kept aside for evaluation, in (0, 0.5]
 * @param seed seeds the split, the initial model and every work unit
 * @param replication how many volunteers run each work unit and how many must agree
 * @param aggregation how a round's results are merged into the next global model
 * @param roundClosing how many of a round's shards it needs, and what becomes of the rest
 * @param placement what a host needs to be sent this job's work units
 * @param payoutPerCredit money per credit paid to volunteers, a decimal string such as {@code
 *     "0.002"} (at most 9 decimal places; "0" pays nothing)
 */
public record JobSpec(
    String name,
    ModelKind model,
    List<Integer> hidden,
    Hyperparameters hyperparameters,
    String labelColumn,
    int shards,
    int localEpochs,
    int rounds,
    Double targetAccuracy,
    double holdoutFraction,
    long seed,
    Replication replication,
    Aggregation aggregation,
    RoundClosing roundClosing,
    Placement placement,
    String payoutPerCredit) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final BigDecimal MAX_PAYOUT = new BigDecimal("1000000000");

  /** A job with the default lifecycle: replicated twice, FedAvg, every shard, no constraints. */
  public JobSpec(
      String name,
      ModelKind model,
      List<Integer> hidden,
      Hyperparameters hyperparameters,
      String labelColumn,
      int shards,
      int localEpochs,
      int rounds,
      Double targetAccuracy,
      double holdoutFraction,
      long seed) {
    this(
        name,
        model,
        hidden,
        hyperparameters,
        labelColumn,
        shards,
        localEpochs,
        rounds,
        targetAccuracy,
        holdoutFraction,
        seed,
        null,
        null,
        null,
        null,
        null);
  }

  public JobSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1 to 64 letters, digits, '.', '_' or '-', got " + name);
    }
    if (model == null) {
      throw new IllegalArgumentException("model is required: LOGISTIC, SOFTMAX, LINEAR or MLP");
    }
    hidden = hidden == null ? List.of() : List.copyOf(hidden);
    if (hyperparameters == null) {
      throw new IllegalArgumentException("hyperparameters are required");
    }
    Checks.text("labelColumn", labelColumn, 200);
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("shards must be in [1, 1024], got " + shards);
    }
    if (localEpochs < 1 || localEpochs > 1000) {
      throw new IllegalArgumentException("localEpochs must be in [1, 1000], got " + localEpochs);
    }
    if (rounds < 1 || rounds > 100_000) {
      throw new IllegalArgumentException("rounds must be in [1, 100000], got " + rounds);
    }
    if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
      throw new IllegalArgumentException("targetAccuracy must be in (0, 1], got " + targetAccuracy);
    }
    if (targetAccuracy != null && !model.isClassifier()) {
      throw new IllegalArgumentException("targetAccuracy needs a classifier, not " + model);
    }
    if (!(holdoutFraction > 0 && holdoutFraction <= 0.5)) {
      throw new IllegalArgumentException(
          "holdoutFraction must be in (0, 0.5], got " + holdoutFraction);
    }
    replication = replication == null ? Replication.DEFAULT : replication;
    aggregation = aggregation == null ? Aggregation.DEFAULT : aggregation;
    roundClosing = roundClosing == null ? RoundClosing.DEFAULT : roundClosing;
    placement = placement == null ? Placement.NONE : placement;
    payoutPerCredit = payout(payoutPerCredit);
  }

  private static String payout(String text) {
    if (text == null) {
      return "0";
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "payoutPerCredit must be a decimal number such as \"0.002\", got \"" + text + "\"");
    }
    if (value.signum() < 0 || value.compareTo(MAX_PAYOUT) >= 0 || value.scale() > 9) {
      throw new IllegalArgumentException(
          "payoutPerCredit must be in [0, 1000000000) with at most 9 decimal places, got " + text);
    }
    return text;
  }

  /** This spec with another replication policy. */
  public JobSpec withReplication(Replication value) {
    return withLifecycle(value, aggregation, roundClosing, placement, payoutPerCredit);
  }

  /** This spec with another aggregation. */
  public JobSpec withAggregation(Aggregation value) {
    return withLifecycle(replication, value, roundClosing, placement, payoutPerCredit);
  }

  /** This spec with another round-closing rule. */
  public JobSpec withRoundClosing(RoundClosing value) {
    return withLifecycle(replication, aggregation, value, placement, payoutPerCredit);
  }

  /** This spec with other placement constraints. */
  public JobSpec withPlacement(Placement value) {
    return withLifecycle(replication, aggregation, roundClosing, value, payoutPerCredit);
  }

  /** This spec with another payout per credit. */
  public JobSpec withPayoutPerCredit(String value) {
    return withLifecycle(replication, aggregation, roundClosing, placement, value);
  }

  /** This spec's training part with the given lifecycle parts. */
  private JobSpec withLifecycle(
      Replication replication,
      Aggregation aggregation,
      RoundClosing roundClosing,
      Placement placement,
      String payoutPerCredit) {
    return new JobSpec(
        name,
        model,
        hidden,
        hyperparameters,
        labelColumn,
        shards,
        localEpochs,
        rounds,
        targetAccuracy,
        holdoutFraction,
        seed,
        replication,
        aggregation,
        roundClosing,
        placement,
        payoutPerCredit);
  }

  /**
   * How many volunteers run each work unit (BOINC's {@code target_nresults}, {@code min_quorum},
   * {@code max_error_results}, {@code max_total_results}, {@code delay_bound}).
   *
   * @param targetReplicas replicas sent at first, in [1, 16]
   * @param minQuorum how many must return the same output bits before it counts, in [1,
   *     targetReplicas]
   * @param maxErrorReplicas the unit fails once more replicas than this fail (client error, no
   *     reply by the deadline, an invalid upload), in [0, 100]
   * @param maxTotalReplicas the unit fails rather than send more than this many replicas, in
   *     [targetReplicas, 100]
   * @param delayBoundSeconds how long a volunteer may hold a replica; null for the coordinator's
   *     deadline; in [1, 2592000] (30 days)
   * @param adaptive send units of hosts with a long run of valid results unreplicated, with
   *     probability 1 - 1/n after n &ge; 10 consecutive valid results (BOINC's rule)
   */
  public record Replication(
      int targetReplicas,
      int minQuorum,
      int maxErrorReplicas,
      int maxTotalReplicas,
      Long delayBoundSeconds,
      boolean adaptive) {
    /** Two replicas that must agree, adaptive: the default. */
    public static final Replication DEFAULT = new Replication(2, 2, 3, 8, null, true);

    /** One replica, trusted as it comes: for a single volunteer or robust aggregation. */
    public static final Replication NONE = new Replication(1, 1, 3, 8, null, false);

    public Replication {
      if (targetReplicas < 1 || targetReplicas > 16) {
        throw new IllegalArgumentException(
            "replication.targetReplicas must be in [1, 16], got " + targetReplicas);
      }
      if (minQuorum < 1 || minQuorum > targetReplicas) {
        throw new IllegalArgumentException(
            "replication.minQuorum must be in [1, targetReplicas = "
                + targetReplicas
                + "], got "
                + minQuorum);
      }
      if (maxErrorReplicas < 0 || maxErrorReplicas > 100) {
        throw new IllegalArgumentException(
            "replication.maxErrorReplicas must be in [0, 100], got " + maxErrorReplicas);
      }
      if (maxTotalReplicas < targetReplicas || maxTotalReplicas > 100) {
        throw new IllegalArgumentException(
            "replication.maxTotalReplicas must be in [targetReplicas = "
                + targetReplicas
                + ", 100], got "
                + maxTotalReplicas);
      }
      if (delayBoundSeconds != null && (delayBoundSeconds < 1 || delayBoundSeconds > 2_592_000)) {
        throw new IllegalArgumentException(
            "replication.delayBoundSeconds must be in [1, 2592000], got " + delayBoundSeconds);
      }
    }
  }

  /**
   * How a round's canonical results become the next global model.
   *
   * @param method FEDAVG (weighted by shard rows), MEDIAN or TRIMMED_MEAN (coordinate-wise, each
   *     result counted once)
   * @param trimFraction for TRIMMED_MEAN: the part of the results cut at each end, in [0, 0.5)
   */
  public record Aggregation(Method method, double trimFraction) {
    public static final Aggregation DEFAULT = new Aggregation(Method.FEDAVG, 0.1);

    public Aggregation {
      if (method == null) {
        throw new IllegalArgumentException(
            "aggregation.method is required: FEDAVG, MEDIAN or TRIMMED_MEAN");
      }
      if (!(trimFraction >= 0 && trimFraction < 0.5)) {
        throw new IllegalArgumentException(
            "aggregation.trimFraction must be in [0, 0.5), got " + trimFraction);
      }
    }

    /** The merge step. */
    public enum Method {
      FEDAVG,
      MEDIAN,
      TRIMMED_MEAN
    }
  }

  /**
   * When a round may close without all its shards (stragglers).
   *
   * @param minShardFraction the round closes once this part of its work units (rounded up) have a
   *     validated result, in (0, 1]
   * @param stragglers what becomes of the shards whose units were not done: REISSUE trains them
   *     again in the next round like every other shard; DROP leaves them out of later rounds
   */
  public record RoundClosing(double minShardFraction, Stragglers stragglers) {
    public static final RoundClosing DEFAULT = new RoundClosing(1.0, Stragglers.REISSUE);

    public RoundClosing {
      if (!(minShardFraction > 0 && minShardFraction <= 1)) {
        throw new IllegalArgumentException(
            "roundClosing.minShardFraction must be in (0, 1], got " + minShardFraction);
      }
      if (stragglers == null) {
        throw new IllegalArgumentException("roundClosing.stragglers is required: REISSUE or DROP");
      }
    }

    /** The fate of shards left behind when a round closes. */
    public enum Stragglers {
      REISSUE,
      DROP
    }
  }

  /**
   * What a host needs to be sent the job's work units; a host must also list the job's model kind
   * among its kernels.
   *
   * @param minCores at least this many cores (0: any)
   * @param minMemoryBytes at least this much memory (0: any)
   * @param maxRttMillis a measured round-trip time of at most this; null: any, even unmeasured
   */
  public record Placement(int minCores, long minMemoryBytes, Long maxRttMillis) {
    public static final Placement NONE = new Placement(0, 0, null);

    public Placement {
      if (minCores < 0 || minCores > 4096) {
        throw new IllegalArgumentException(
            "placement.minCores must be in [0, 4096], got " + minCores);
      }
      if (minMemoryBytes < 0) {
        throw new IllegalArgumentException(
            "placement.minMemoryBytes must not be negative, got " + minMemoryBytes);
      }
      if (maxRttMillis != null && maxRttMillis < 1) {
        throw new IllegalArgumentException(
            "placement.maxRttMillis must be positive, got " + maxRttMillis);
      }
    }
  }
}
