package io.axon.coordinator.admin;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.web.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Guards the JSON API's job submission and cancellation: an owner's API token ({@code
 * Authorization: Bearer <token>}), or an admin page session with its CSRF token in {@code
 * X-CSRF-Token}. With {@code open-job-api=true} anyone may (tests, the loopback-only demo).
 */
@Singleton
public final class OwnerApiAuth {
  private static final String BEARER = "Bearer ";

  private final OwnerService owners;
  private final boolean open;

  @Inject
  public OwnerApiAuth(OwnerService owners, CoordinatorConfig config) {
    this.owners = owners;
    this.open = config.openJobApi();
  }

  /** Runs {@code handler} for a project owner, or answers 401. */
  public Handler owner(Handler handler) {
    return ctx -> {
      if (!open) {
        authenticate(ctx);
      }
      handler.handle(ctx);
    };
  }

  /** {@code POST /api/v1/jobs/{id}/cancel}. */
  public Handler cancel(JobCancellation cancellation) {
    return ctx -> {
      Owner owner = open ? new Owner(0, "anonymous", false) : authenticate(ctx);
      long id;
      try {
        id = Long.parseLong(ctx.pathParam("id"));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("a job id is a number, got '" + ctx.pathParam("id") + "'");
      }
      try {
        cancellation.cancel(id, owner);
      } catch (AdminException e) {
        throw new ApiException(
            e.status(), e.status() == 404 ? "not_found" : "conflict", e.getMessage());
      }
      ctx.status(204);
    };
  }

  private Owner authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return owners
          .byApiToken(header.substring(BEARER.length()))
          .orElseThrow(
              () ->
                  ApiException.unauthorized(
                      "unknown owner API token: make a new one on the admin page's Owners tab"));
    }
    Optional<OwnerService.Session> session = WebSession.current(ctx, owners);
    if (session.isPresent()
        && Tokens.same(ctx.header(WebSession.CSRF_HEADER), session.get().csrfToken())) {
      return session.get().owner();
    }
    throw ApiException.unauthorized(
        "submitting or cancelling a job needs a project owner's API token:"
            + " 'Authorization: Bearer <token>' (make one on the admin page's Owners tab)");
  }
}
