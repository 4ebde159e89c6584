package io.axon.core.training;

import java.util.List;

/**
 * The shape of a model: its family, the number of input features, outputs and hidden layer widths.
 *
 * <p>Parameters are laid out flat, layer after layer; for each layer the weights row-major as
 * {@code [out][in]} followed by the {@code out} biases. LOGISTIC and LINEAR have exactly one
 * output, SOFTMAX and MLP at least two (one per class), and only MLP has hidden layers.
 */
public record ModelSpec(ModelKind kind, int inputs, int outputs, List<Integer> hidden) {
  /** The largest parameter count a kernel accepts (about 512 MB of doubles). */
  public static final long MAX_PARAMETERS = 64L * 1024 * 1024;

  public ModelSpec {
    if (kind == null) {
      throw new IllegalArgumentException("model kind is required");
    }
    hidden = hidden == null ? List.of() : List.copyOf(hidden);
    if (inputs < 1) {
      throw new IllegalArgumentException("a model needs at least one input feature, got " + inputs);
    }
    switch (kind) {
      case LOGISTIC, LINEAR -> {
        if (outputs != 1) {
          throw new IllegalArgumentException(kind + " has exactly one output, got " + outputs);
        }
      }
      case SOFTMAX, MLP -> {
        if (outputs < 2) {
          throw new IllegalArgumentException(kind + " needs at least two classes, got " + outputs);
        }
      }
    }
    if (kind != ModelKind.MLP && !hidden.isEmpty()) {
      throw new IllegalArgumentException("only MLP has hidden layers, " + kind + " got " + hidden);
    }
    if (kind == ModelKind.MLP && hidden.isEmpty()) {
      throw new IllegalArgumentException("an MLP needs at least one hidden layer");
    }
    for (Integer width : hidden) {
      if (width == null || width < 1) {
        throw new IllegalArgumentException("hidden layer widths must be positive, got " + hidden);
      }
    }
    long count = countParameters(inputs, outputs, hidden);
    if (count > MAX_PARAMETERS) {
      throw new IllegalArgumentException(
          "model has " + count + " parameters, more than the limit of " + MAX_PARAMETERS);
    }
  }

  public static ModelSpec logistic(int inputs) {
    return new ModelSpec(ModelKind.LOGISTIC, inputs, 1, List.of());
  }

  public static ModelSpec softmax(int inputs, int classes) {
    return new ModelSpec(ModelKind.SOFTMAX, inputs, classes, List.of());
  }

  public static ModelSpec linear(int inputs) {
    return new ModelSpec(ModelKind.LINEAR, inputs, 1, List.of());
  }

  public static ModelSpec mlp(int inputs, List<Integer> hidden, int classes) {
    return new ModelSpec(ModelKind.MLP, inputs, classes, hidden);
  }

  /** Layer widths from input to output, e.g. {@code [784, 128, 10]}. */
  public int[] layerWidths() {
    int[] widths = new int[hidden.size() + 2];
    widths[0] = inputs;
    for (int i = 0; i < hidden.size(); i++) {
      widths[i + 1] = hidden.get(i);
    }
    widths[widths.length - 1] = outputs;
    return widths;
  }

  /** The number of trainable parameters (weights and biases). */
  public int parameterCount() {
    return (int) countParameters(inputs, outputs, hidden);
  }

  private static long countParameters(int inputs, int outputs, List<Integer> hidden) {
    long count = 0;
    int in = inputs;
    for (int width : hidden) {
      count += (long) in * width + width;
      in = width;
    }
    return count + (long) in * outputs + outputs;
  }
}
