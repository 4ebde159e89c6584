package io.axon.core.protocol;

import java.math.BigDecimal;

/**
 * {@code GET /api/v1/account}: a volunteer's credit and earnings so far.
 *
 * @param totalCredit every credit granted to the account's hosts while attached to it
 * @param recentAverageCredit credit per day, averaged with a 7-day half-life (BOINC's RAC), decayed
 *     to the time of the answer
 * @param currency the unit of {@code totalEarnings}, e.g. {@code "USD"}
 * @param totalEarnings money earned, with 9 decimal places
 */
public record AccountSummary(
    long accountId,
    String name,
    double totalCredit,
    double recentAverageCredit,
    String currency,
    BigDecimal totalEarnings) {
  public AccountSummary {
    Checks.text("name", name, 100);
    Money.credit("totalCredit", totalCredit);
    Money.credit("recentAverageCredit", recentAverageCredit);
    Checks.text("currency", currency, 16);
    totalEarnings = Money.of("totalEarnings", totalEarnings);
  }
}
