package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HostInfo;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host table's states and credit, on a coordinator whose clock the test moves. */
class HostStatesTest {
  private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

  @TempDir Path dataDir;
  private final MutableClock clock = new MutableClock(START);
  private Coordinator coordinator;
  private CoordinatorConfig config;
  private CoordinatorClient client;

  @BeforeEach
  void start() {
    config =
        TestServer.config(dataDir)
            .heartbeat(Duration.ofSeconds(30))
            .hostOfflineAfter(Duration.ofMinutes(10))
            .build();
    coordinator = new Coordinator(config, clock).start();
    client = CoordinatorClient.builder(coordinator.url()).maxAttempts(1).build();
  }

  @AfterEach
  void stop() {
    client.close();
    coordinator.stop();
  }

  private HostRegistered register(String name) throws Exception {
    return client.register(new HostRegistration(name, "Linux", 2, 1L << 30, "1.0"));
  }

  private HostInfo info(long hostId) throws Exception {
    return client.hosts().hosts().stream()
        .filter(h -> h.hostId() == hostId)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void hostIsOnlineThenNotRespondingAfterTwoMissedHeartbeatsThenOffline() throws Exception {
    HostRegistered host = register("quiet");
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.ONLINE);
    assertThat(info(host.hostId()).lastHeartbeatMillis()).isEqualTo(START.toEpochMilli());

    clock.advance(Duration.ofSeconds(60));
    assertThat(info(host.hostId()).state())
        .as("exactly two intervals")
        .isEqualTo(HostInfo.State.ONLINE);

    clock.advance(Duration.ofSeconds(1));
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.NOT_RESPONDING);

    clock.advance(Duration.ofMinutes(10));
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.OFFLINE);
  }

  @Test
  void aHeartbeatBringsAHostBackOnline() throws Exception {
    HostRegistered host = register("back");
    clock.advance(Duration.ofHours(1));
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.OFFLINE);

    client.withToken(host.token()).heartbeat(new Heartbeat(Heartbeat.HostState.IDLE, null, 1, 40L));

    HostInfo info = info(host.hostId());
    assertThat(info.state()).isEqualTo(HostInfo.State.ONLINE);
    assertThat(info.lastHeartbeatMillis())
        .isEqualTo(START.plus(Duration.ofHours(1)).toEpochMilli());
    assertThat(info.rttMillis()).isEqualTo(40L);
  }

  @Test
  void thresholdsComeFromTheConfiguration() throws Exception {
    coordinator.stop();
    coordinator =
        new Coordinator(
                config.toBuilder()
                    .hostNotRespondingAfter(Duration.ofSeconds(5))
                    .hostOfflineAfter(Duration.ofSeconds(20))
                    .build(),
                clock)
            .start();
    client.close();
    client = CoordinatorClient.builder(coordinator.url()).maxAttempts(1).build();
    HostRegistered host = register("strict");

    clock.advance(Duration.ofSeconds(6));
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.NOT_RESPONDING);
    clock.advance(Duration.ofSeconds(15));
    assertThat(info(host.hostId()).state()).isEqualTo(HostInfo.State.OFFLINE);
  }

  @Test
  void recentAverageCreditIsShownDecayedToNow() throws Exception {
    HostRegistered host = register("earner");
    Jdbi.create(config.jdbcUrl())
        .useHandle(
            h ->
                h.createUpdate(
                        "UPDATE hosts SET total_credit = 12.5, expavg_credit = 10,"
                            + " expavg_millis = :at WHERE id = :id")
                    .bind("at", START.toEpochMilli())
                    .bind("id", host.hostId())
                    .execute());
    assertThat(info(host.hostId()).recentAverageCredit()).isEqualTo(10.0);

    clock.advance(Duration.ofDays(7)); // one half-life

    HostInfo info = info(host.hostId());
    assertThat(info.recentAverageCredit())
        .isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(info.totalCredit()).isEqualTo(12.5);
  }
}
