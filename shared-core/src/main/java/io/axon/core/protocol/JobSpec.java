package io.axon.core.protocol;

import io.axon.core.training.Hyperparameters;
import io.axon.core.training.ModelKind;
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
    long seed) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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
  }
}
