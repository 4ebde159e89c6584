package io.axon.coordinator.web;

import io.axon.coordinator.host.HostService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.OptionalLong;

/** Guards volunteer endpoints: {@code Authorization: Bearer <token>} of a registered host. */
@Singleton
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final HostService hosts;

  @Inject
  public Authenticator(HostService hosts) {
    this.hosts = hosts;
  }

  /** A handler for a volunteer endpoint that runs {@code handler} for the authenticated host. */
  public Handler host(HostHandler handler) {
    return ctx -> handler.handle(ctx, authenticate(ctx));
  }

  private long authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw ApiException.unauthorized("missing Authorization: Bearer <token> header");
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      throw ApiException.unauthorized("Authorization header must be 'Bearer <token>'");
    }
    OptionalLong host = hosts.authenticate(header.substring(BEARER.length()).trim());
    if (host.isEmpty()) {
      throw ApiException.unauthorized("unknown token: register again at POST /api/v1/hosts");
    }
    return host.getAsLong();
  }

  /** A handler that also receives the id of the authenticated host. */
  @FunctionalInterface
  public interface HostHandler {
    void handle(Context ctx, long hostId) throws Exception;
  }
}
