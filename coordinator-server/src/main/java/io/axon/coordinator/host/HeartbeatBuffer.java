package io.axon.coordinator.host;

import io.axon.coordinator.db.Database;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats kept in memory and written to the host table together every {@link #FLUSH_SECONDS}
 * seconds, one batch in one transaction, instead of one commit per heartbeat: with 10,000 hosts
 * that is 333 commits a second less. Only the latest heartbeat of a host is kept (an RTT it left
 * out keeps the one it sent before). A host's state derives from its silence with thresholds of a
 * minute and more, so the delay is harmless; readers that show the table flush first, and the
 * buffer is flushed when the database closes, so a clean shutdown loses nothing.
 */
@Singleton
public final class HeartbeatBuffer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatBuffer.class);
  static final int FLUSH_SECONDS = 2;

  private final Jdbi jdbi;
  private final Map<Long, Beat> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  @Inject
  public HeartbeatBuffer(Database database) {
    this.jdbi = database.jdbi();
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "axon-heartbeats");
              thread.setDaemon(true);
              return thread;
            });
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    database.beforeClose(this::close);
  }

  /** One heartbeat, to be written with the next flush. */
  public record Beat(long hostId, String state, int threads, Long rttMillis, Instant at) {}

  void record(long hostId, String state, int threads, Long rttMillis, Instant at) {
    Beat beat = new Beat(hostId, state, threads, rttMillis, at);
    pending.merge(
        hostId,
        beat,
        (old, now) ->
            now.rttMillis() != null
                ? now
                : new Beat(hostId, now.state(), now.threads(), old.rttMillis(), now.at()));
  }

  /** The RTT of a heartbeat not yet written, if the host reported one since the last flush. */
  public Long pendingRttMillis(long hostId) {
    Beat beat = pending.get(hostId);
    return beat == null ? null : beat.rttMillis();
  }

  /** Writes the heartbeats received so far; returns how many. */
  public synchronized int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    List<Beat> beats = new ArrayList<>(pending.size());
    for (Long hostId : pending.keySet()) {
      Beat beat = pending.remove(hostId);
      if (beat != null) {
        beats.add(beat);
      }
    }
    try {
      jdbi.useTransaction(h -> h.attach(HostDao.class).heartbeats(beats));
    } catch (RuntimeException e) {
      // keep them for the next flush, unless a newer heartbeat arrived meanwhile
      for (Beat beat : beats) {
        pending.putIfAbsent(beat.hostId(), beat);
      }
      throw e;
    }
    return beats.size();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("heartbeats not written yet, will retry: {}", e.toString());
    }
  }

  /** Stops the periodic flush and writes what is left. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
