package io.axon.coordinator.account;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code accounts} table, without its key hash. */
public record AccountRow(
    long id,
    String name,
    double totalCredit,
    double expavgCredit,
    long expavgMillis,
    BigDecimal totalEarnings,
    Instant createdAt) {}
