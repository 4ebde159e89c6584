package io.axon.core.data;

/** A training set and the holdout set kept aside to evaluate the model, made by {@link Splits}. */
public record Split(Dataset train, Dataset holdout) {
  public Split {
    if (train == null || holdout == null) {
      throw new IllegalArgumentException("train and holdout are required");
    }
  }
}
