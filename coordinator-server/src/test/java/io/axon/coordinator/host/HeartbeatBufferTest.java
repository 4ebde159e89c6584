package io.axon.coordinator.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HostInfo;
import io.axon.core.protocol.HostRegistration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats kept in memory and written in batches: nothing shown stale, nothing lost. */
class HeartbeatBufferTest {
  private static final Instant REGISTERED = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant BEAT = Instant.parse("2026-11-25T10:00:30Z");

  @TempDir Path dir;

  @Test
  void heartbeatsNotYetWrittenReachTheDatabaseWhenItCloses() {
    CoordinatorConfig config = CoordinatorConfig.builder(dir).build();
    List<Long> ids = new ArrayList<>();
    Database database = new Database(config);
    database.migrate();
    HostService hosts = service(database, config, REGISTERED);
    for (int i = 0; i < 50; i++) {
      ids.add(hosts.register(registration("h" + i)).hostId());
    }
    HostService later = service(database, config, BEAT);
    for (long id : ids) {
      later.heartbeat(id, new Heartbeat(Heartbeat.HostState.WORKING, 7L, 3, 40L));
    }
    database.close();

    Jdbi reopened = Jdbi.create(config.jdbcUrl());
    for (long id : ids) {
      String row =
          reopened.withHandle(
              h ->
                  h.createQuery(
                          "SELECT state || '/' || threads || '/' || rtt_millis FROM hosts"
                              + " WHERE id = :id")
                      .bind("id", id)
                      .mapTo(String.class)
                      .one());
      assertThat(row).isEqualTo("WORKING/3/40");
      Instant lastSeen =
          reopened.withHandle(
              h ->
                  h.createQuery("SELECT last_seen FROM hosts WHERE id = :id")
                      .bind("id", id)
                      .mapTo(Instant.class)
                      .one());
      assertThat(lastSeen).isEqualTo(BEAT);
    }
  }

  @Test
  void theHostTableShowsTheLatestHeartbeatAndAHeartbeatWithoutRttKeepsTheLast() {
    CoordinatorConfig config = CoordinatorConfig.builder(dir).build();
    try (Database database = new Database(config)) {
      database.migrate();
      HostService hosts = service(database, config, BEAT);
      long id = hosts.register(registration("a")).hostId();
      hosts.heartbeat(id, new Heartbeat(Heartbeat.HostState.IDLE, null, 1, 25L));
      hosts.heartbeat(id, new Heartbeat(Heartbeat.HostState.WORKING, 9L, 2, null));

      HostInfo info = hosts.table().hosts().get(0);
      assertThat(info.threads()).isEqualTo(2);
      assertThat(info.rttMillis()).isEqualTo(25L);
    }
  }

  private static HostService service(Database database, CoordinatorConfig config, Instant now) {
    return new HostService(
        database, Clock.fixed(now, ZoneOffset.UTC), config, new HeartbeatBuffer(database));
  }

  private static HostRegistration registration(String name) {
    return new HostRegistration(name, "test", 2, 1L << 30, "test-1");
  }
}
