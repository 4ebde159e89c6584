package io.axon.core.training;

import java.util.Arrays;

/**
 * An immutable set of model parameters laid out as {@link ModelSpec} describes. The array is copied
 * in and out, so a model can be shared between threads.
 */
public final class Model {
  private final ModelSpec spec;
  private final double[] parameters;

  private Model(ModelSpec spec, double[] parameters) {
    this.spec = spec;
    this.parameters = parameters;
  }

  /** Creates a model from a copy of {@code parameters}, which must match the spec's count. */
  public static Model of(ModelSpec spec, double[] parameters) {
    if (parameters.length != spec.parameterCount()) {
      throw new IllegalArgumentException(
          "spec needs " + spec.parameterCount() + " parameters, got " + parameters.length);
    }
    return new Model(spec, parameters.clone());
  }

  public ModelSpec spec() {
    return spec;
  }

  public int size() {
    return parameters.length;
  }

  public double parameter(int index) {
    return parameters[index];
  }

  /** A fresh copy of the parameters. */
  public double[] parameters() {
    return parameters.clone();
  }

  /** Copies the parameters into {@code target}, which must be at least {@link #size()} long. */
  public void copyInto(double[] target) {
    System.arraycopy(parameters, 0, target, 0, parameters.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m && spec.equals(m.spec) && Arrays.equals(parameters, m.parameters);
  }

  @Override
  public int hashCode() {
    return 31 * spec.hashCode() + Arrays.hashCode(parameters);
  }

  @Override
  public String toString() {
    return "Model[" + spec + ", " + parameters.length + " parameters]";
  }
}
