package io.axon.coordinator.credit;

/**
 * BOINC's credit scale: a host that computes at 1 GFLOPS for a whole day earns 200 credits
 * (cobblestones). Our kernels count their floating-point operations exactly, so the credit of a
 * work unit is a plain function of its operation count: nothing is benchmarked or estimated.
 */
public final class Cobblestones {
  /** Credits per day of 1 GFLOPS. */
  public static final double PER_GFLOPS_DAY = 200.0;

  private static final double FLOPS_PER_GFLOPS_DAY = 1e9 * 86_400;

  private Cobblestones() {}

  /** The credit of {@code flops} floating-point operations. */
  public static double of(long flops) {
    if (flops < 0) {
      throw new IllegalArgumentException("flops must not be negative, got " + flops);
    }
    return flops * PER_GFLOPS_DAY / FLOPS_PER_GFLOPS_DAY;
  }
}
