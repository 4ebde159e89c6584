package io.axon.core.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of money on the wire: decimals with exactly {@link #SCALE} places, written as JSON
 * strings ({@code "0.125000000"}) so that no reader turns them into binary floating point.
 */
final class Money {
  /** Decimal places of every amount, as the coordinator stores them (NUMERIC(24, 9)). */
  static final int SCALE = 9;

  private Money() {}

  /** {@code value} with {@link #SCALE} places (so that equal amounts are equal records). */
  static BigDecimal of(String field, BigDecimal value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  static double credit(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
    }
    return value;
  }
}
