package io.axon.desktop.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void creditKeepsWhatASmallUnitEarnsVisible() {
    assertThat(Formats.credit(0)).isEqualTo("0.00");
    assertThat(Formats.credit(1234.567)).isEqualTo("1,234.57");
    assertThat(Formats.credit(0.00013344)).isEqualTo("0.0001334");
    assertThat(Formats.credit(0.0000132104)).isEqualTo("0.00001321");
  }

  @Test
  void moneyShowsFractionsOfACentRatherThanZero() {
    assertThat(Formats.money(new BigDecimal("0.000000000"), "USD")).isEqualTo("0.00 USD");
    assertThat(Formats.money(new BigDecimal("12.500000000"), "USD")).isEqualTo("12.50 USD");
    assertThat(Formats.money(new BigDecimal("0.000033360"), "USD")).isEqualTo("0.0000334 USD");
    assertThat(Formats.money(null, "USD")).isEqualTo("–");
  }

  @Test
  void durationsReadAsAPersonWouldSayThem() {
    assertThat(Formats.duration(Duration.ofSeconds(12))).isEqualTo("12 s");
    assertThat(Formats.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
    assertThat(Formats.duration(Duration.ofMinutes(65))).isEqualTo("1 h 05 min");
    assertThat(Formats.duration(null)).isEqualTo("–");
  }
}
