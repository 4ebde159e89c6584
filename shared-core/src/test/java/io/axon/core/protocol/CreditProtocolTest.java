package io.axon.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CreditProtocolTest {
  @Test
  void writesMoneyAsAStringWithNinePlaces() {
    AccountSummary summary = new AccountSummary(1, "ada", 2.0, 1.0, "USD", new BigDecimal("0.125"));

    assertThat(ProtocolJson.toJson(summary)).contains("\"totalEarnings\":\"0.125000000\"");
  }

  @Test
  void equalAmountsMakeEqualRecordsWhateverTheirScale() {
    assertThat(new AccountSummary(1, "ada", 2.0, 1.0, "USD", new BigDecimal("0.5")))
        .isEqualTo(new AccountSummary(1, "ada", 2.0, 1.0, "USD", new BigDecimal("0.500000000")));
  }

  @Test
  void aMoneyValueThatIsNoDecimalFailsWithItsPath() {
    String json =
        Fixtures.read("account-summary.json").replace("\"15.631250000\"", "\"15,63 USD\"");

    assertThatThrownBy(() -> ProtocolJson.fromJson(json, AccountSummary.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("expected a decimal amount")
        .hasMessageContaining("$.totalEarnings");
  }

  @Test
  void aTimeThatIsNoIsoInstantFailsWithItsPath() {
    String json =
        Fixtures.read("earnings-statement.json")
            .replace("\"2026-11-24T09:12:44Z\"", "\"24.11.2026 09:12\"");

    assertThatThrownBy(() -> ProtocolJson.fromJson(json, EarningsStatement.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("ISO-8601 instant")
        .hasMessageContaining("$.entries[1].time");
  }

  @Test
  void rejectsNegativeOrNonFiniteCredit() {
    assertThatThrownBy(
            () -> new EarningsStatement.Day(java.time.LocalDate.EPOCH, -1, BigDecimal.ONE))
        .hasMessageContaining("credit must be a finite number >= 0");
    assertThatThrownBy(() -> new AccountSummary(1, "a", Double.NaN, 0, "USD", BigDecimal.ONE))
        .hasMessageContaining("totalCredit");
  }

  @Test
  void anAccountRequestNeedsAName() {
    assertThatThrownBy(() -> ProtocolJson.fromJson("{\"name\":\" \"}", AccountRequest.class))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("name is required");
  }
}
