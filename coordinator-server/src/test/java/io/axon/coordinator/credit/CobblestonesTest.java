package io.axon.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.axon.core.training.Kernel;
import io.axon.core.training.ModelSpec;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CobblestonesTest {
  @Test
  void aDayOfOneGflopsIsTwoHundredCredits() {
    assertThat(Cobblestones.of(1_000_000_000L * 86_400)).isEqualTo(200.0);
    assertThat(Cobblestones.of(0)).isZero();
  }

  @Test
  void creditIsProportionalToTheFlops() {
    assertThat(Cobblestones.of(432_000_000_000L)).isEqualTo(1.0);
    assertThat(Cobblestones.of(3 * 432_000_000_000L)).isCloseTo(3.0, within(1e-15));
  }

  /** The worked example of docs/COORDINATOR.md, "Credit and earnings": keep the two in step. */
  @Test
  void workedExampleOfTheCoordinatorDocument() {
    // MNIST MLP 784-128-10, a shard of 2,250 rows, 2 local epochs, batches of 32
    long flops = Kernel.forSpec(ModelSpec.mlp(784, List.of(128), 10)).flops(2_250, 2, 32);
    assertThat(flops).isEqualTo(1_942_839_974L);

    double credit = Cobblestones.of(flops);
    assertThat(credit).isCloseTo(0.004_497_314_754_6, within(1e-13));

    BigDecimal earnings = CreditGranter.earnings(new BigDecimal("0.02"), credit);
    assertThat(earnings).isEqualByComparingTo("0.000089946");
    assertThat(earnings.scale()).isEqualTo(9);

    // a host that sustains 2.5 GFLOPS on such units for a day
    assertThat(Cobblestones.of(2_500_000_000L * 86_400)).isEqualTo(500.0);
  }

  @Test
  void negativeFlopsAreABug() {
    assertThatThrownBy(() -> Cobblestones.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
