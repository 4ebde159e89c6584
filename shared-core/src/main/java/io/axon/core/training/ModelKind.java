package io.axon.core.training;

/** The built-in model families. Volunteers only ever run these kernels, never arbitrary code. */
public enum ModelKind {
  /** Binary logistic regression: one sigmoid output, labels 0 or 1. */
  LOGISTIC,
  /** Multinomial (softmax) logistic regression: labels 0..outputs-1. */
  SOFTMAX,
  /** Linear regression with squared loss: one real output. */
  LINEAR,
  /** Multi-layer perceptron: ReLU hidden layers, softmax cross-entropy output. */
  MLP;

  /** True if labels are class indices and accuracy is meaningful. */
  public boolean isClassifier() {
    return this != LINEAR;
  }
}
