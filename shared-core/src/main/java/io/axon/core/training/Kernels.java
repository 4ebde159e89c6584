package io.axon.core.training;

/** Picks the kernel for a {@link ModelSpec}; all built-in kinds share {@link DenseKernel}. */
final class Kernels {
  private Kernels() {}

  static Kernel forSpec(ModelSpec spec) {
    if (spec == null) {
      throw new IllegalArgumentException("model spec is required");
    }
    return new DenseKernel(spec);
  }
}
