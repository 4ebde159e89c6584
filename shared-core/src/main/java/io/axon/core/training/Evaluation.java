package io.axon.core.training;

/**
 * Quality of a model on a dataset.
 *
 * @param loss mean loss (cross-entropy for classifiers, squared error / 2 for LINEAR)
 * @param accuracy fraction of rows classified correctly; NaN for LINEAR
 * @param rows rows evaluated
 */
public record Evaluation(double loss, double accuracy, long rows) {}
