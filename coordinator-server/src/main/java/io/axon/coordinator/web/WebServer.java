package io.axon.coordinator.web;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.admin.AdminBootstrap;
import io.axon.coordinator.admin.AdminRoutes;
import io.axon.coordinator.ops.Metrics;
import io.axon.core.protocol.ErrorBody;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Javalin on Jetty: the routes, and every error turned into {@link ErrorBody} JSON. */
@Singleton
public final class WebServer {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  private final CoordinatorConfig config;
  private final Routes routes;
  private final Metrics metrics;
  private final AdminBootstrap adminBootstrap;
  private Javalin app;

  @Inject
  public WebServer(
      CoordinatorConfig config, Routes routes, Metrics metrics, AdminBootstrap adminBootstrap) {
    this.config = config;
    this.routes = routes;
    this.metrics = metrics;
    this.adminBootstrap = adminBootstrap;
  }

  /**
   * Starts serving on {@code channel}, a socket bound by {@link ListenSocket#bind} (Jetty closes it
   * when the server stops).
   */
  public synchronized void start(ServerSocketChannel channel) {
    app =
        Javalin.create(
            javalin -> {
              javalin.startup.showJavalinBanner = false;
              javalin.startup.showOldJavalinVersionWarning = false;
              // the socket the coordinator bound before it opened the database
              javalin.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new HttpConnectionFactory(http));
                    try {
                      connector.open(channel);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                    return connector;
                  });
              // Bodies enforces the per-endpoint limits; this only has to stay out of its way.
              javalin.http.maxRequestSize = Math.max(config.maxJobBytes(), config.maxResultBytes());
              javalin.requestLogger.http(metrics::request);
              routes.addTo(javalin.routes);
              // the admin pages' own script and style sheet, and the WebJars (Chart.js) they use
              javalin.staticFiles.enableWebjars();
              javalin.staticFiles.add(
                  files -> {
                    files.hostedPath = "/admin/static";
                    files.directory = AdminRoutes.STATIC;
                    files.location = Location.CLASSPATH;
                  });
              errors(javalin.routes);
            });
    app.start();
    // the admin page's one-time login, now that its URL is known
    adminBootstrap.announce(app.port());
  }

  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("not started");
    }
    return app.port();
  }

  /** Every route served, as {@code "GET /api/v1/hosts"}, in the order they were added. */
  public synchronized List<String> endpoints() {
    if (app == null) {
      throw new IllegalStateException("not started");
    }
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  private static void errors(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.detail()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e.getStatus() == 413) { // Javalin's own limit, above ours: answer like ours
            error(ctx, 400, "body_too_large", e.getMessage());
          } else {
            error(ctx, e.getStatus(), code(e.getStatus()), e.getMessage());
          }
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal", "internal error: " + e.getClass().getSimpleName());
        });
    routes.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null) {
            error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
          }
        });
    routes.error(
        405,
        "*",
        ctx -> {
          if (ctx.result() == null) {
            error(
                ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
          }
        });
  }

  private static void error(Context ctx, int status, String error, String detail) {
    Responses.json(ctx, status, new ErrorBody(error, detail));
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 409 -> "conflict";
      default -> status >= 500 ? "internal" : "error_" + status;
    };
  }
}
