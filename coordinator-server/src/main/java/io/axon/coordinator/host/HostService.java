package io.axon.coordinator.host;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.db.Database;
import io.axon.core.common.Sha256;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HeartbeatReply;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers volunteers and recognises them by their bearer token. Tokens are random UUIDs handed
 * out once; only their SHA-256 is stored, so a database dump reveals no usable token.
 */
@Singleton
public final class HostService {
  private static final Logger log = LoggerFactory.getLogger(HostService.class);

  private final Jdbi jdbi;
  private final Clock clock;
  private final int heartbeatSeconds;

  @Inject
  public HostService(Database database, Clock clock, CoordinatorConfig config) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.heartbeatSeconds = (int) config.heartbeat().toSeconds();
  }

  public HostRegistered register(HostRegistration registration) {
    String token = UUID.randomUUID().toString();
    long id =
        jdbi.onDemand(HostDao.class)
            .insert(
                registration.name(),
                registration.platform(),
                registration.cores(),
                registration.memoryBytes(),
                registration.clientVersion(),
                tokenHash(token),
                clock.instant());
    log.info(
        "host {} registered: {} ({}, {} cores)",
        id,
        registration.name(),
        registration.platform(),
        registration.cores());
    return new HostRegistered(id, token);
  }

  /** The id of the host holding {@code token}, or empty if no host does. */
  public OptionalLong authenticate(String token) {
    return jdbi.onDemand(HostDao.class)
        .findIdByTokenSha256(tokenHash(token))
        .map(OptionalLong::of)
        .orElseGet(OptionalLong::empty);
  }

  public HeartbeatReply heartbeat(long hostId, Heartbeat heartbeat) {
    jdbi.onDemand(HostDao.class)
        .heartbeat(hostId, heartbeat.state().name(), heartbeat.threads(), clock.instant());
    return new HeartbeatReply(clock.millis(), heartbeatSeconds);
  }

  static String tokenHash(String token) {
    return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
  }
}
