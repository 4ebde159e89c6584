package io.axon.coordinator.host;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/** A host as {@link HostDao#list()} reads it. */
public record HostRow(
    long id,
    String name,
    String platform,
    int cores,
    @ColumnName("memory_bytes") long memoryBytes,
    String kernels,
    @ColumnName("client_version") String clientVersion,
    @ColumnName("account_name") String accountName,
    @ColumnName("last_seen") Instant lastSeen,
    @ColumnName("rtt_millis") Long rttMillis,
    int threads,
    @ColumnName("total_credit") double totalCredit,
    @ColumnName("expavg_credit") double expavgCredit,
    @ColumnName("expavg_millis") long expavgMillis) {}
