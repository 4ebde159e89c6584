package io.axon.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatsTest {
  private static void agrees(String text) {
    float expected = Float.parseFloat(text);
    assertThat(Float.floatToRawIntBits(Floats.parse(text)))
        .as("bits of %s (Float.parseFloat gives %s)", text, expected)
        .isEqualTo(Float.floatToRawIntBits(expected));
  }

  @Test
  void parsesPlainDecimalsLikeFloatParseFloat() {
    for (String text :
        new String[] {
          "0",
          "-0",
          "+0",
          "0.0",
          "-0.0",
          "1",
          "-1",
          "1.5",
          ".5",
          "5.",
          "-.25",
          "007",
          "0.1",
          "3.4028235e38",
          "1e-22",
          "1e22",
          "1e23",
          "1e-45",
          "1.4e-45",
          "123456789012345",
          "1234567890123456",
          "0.000000000000000000000001",
          "16777217",
          "16777219",
          "1E5",
          "2.5e+3",
          "-7.25E-2",
          " 2 ",
          "1f",
          "0x1p3",
          "NaN",
          "-Infinity",
          "1e400",
          "1e-400"
        }) {
      agrees(text);
    }
  }

  @Test
  void agreesBitForBitOnAMillionRandomDecimals() {
    SplittableRandom random = new SplittableRandom(2026);
    for (int i = 0; i < 200_000; i++) {
      agrees(Float.toString(Float.intBitsToFloat(random.nextInt()) / 1e10f));
      agrees(Float.toString((float) random.nextGaussian()));
      agrees(Double.toString(random.nextDouble(-1000, 1000)));
      long significand = random.nextLong(1, 1_000_000_000_000_000L);
      agrees(new BigDecimal(significand).movePointLeft(random.nextInt(-10, 30)).toPlainString());
      agrees(significand % 100_000 + "e" + random.nextInt(-30, 30));
    }
  }

  @Test
  void agreesOnDecimalsWhoseDoubleIsHalfwayBetweenTwoFloats() {
    // 2^24 + 1 lies halfway between the floats 2^24 and 2^24 + 2; as a double it is exact.
    for (long halfway = (1L << 24) + 1; halfway < (1L << 24) + 2001; halfway += 2) {
      agrees(Long.toString(halfway));
      agrees(Long.toString(halfway) + "0e-1");
      agrees("-" + halfway);
    }
  }

  @Test
  void rejectsWhatIsNotANumber() {
    for (String text :
        new String[] {"", "-", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "abc", "1,5"}) {
      assertThatThrownBy(() -> Floats.parse(text))
          .as("'%s'", text)
          .isInstanceOf(NumberFormatException.class);
    }
  }
}
