package io.axon.coordinator.host;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.web.Bodies;
import io.axon.coordinator.web.Responses;
import io.axon.core.protocol.Heartbeat;
import io.axon.core.protocol.HostRegistration;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** {@code POST /api/v1/hosts}, {@code POST /api/v1/heartbeat} and {@code GET /api/v1/hosts}. */
@Singleton
public final class HostController {
  private final HostService hosts;
  private final long maxJsonBytes;

  @Inject
  public HostController(HostService hosts, CoordinatorConfig config) {
    this.hosts = hosts;
    this.maxJsonBytes = config.maxJsonBytes();
  }

  public void register(Context ctx) {
    HostRegistration registration = Bodies.json(ctx, HostRegistration.class, maxJsonBytes);
    Responses.json(ctx, 201, hosts.register(registration));
  }

  public void list(Context ctx) {
    Responses.json(ctx, 200, hosts.table());
  }

  public void heartbeat(Context ctx, long hostId) {
    Heartbeat heartbeat = Bodies.json(ctx, Heartbeat.class, maxJsonBytes);
    Responses.json(ctx, 200, hosts.heartbeat(hostId, heartbeat));
  }
}
