package io.axon.coordinator.web;

import io.axon.coordinator.account.AccountController;
import io.axon.coordinator.admin.AdminRoutes;
import io.axon.coordinator.admin.JobCancellation;
import io.axon.coordinator.admin.OwnerApiAuth;
import io.axon.coordinator.blob.BlobController;
import io.axon.coordinator.host.HostController;
import io.axon.coordinator.job.JobController;
import io.axon.coordinator.ops.HealthController;
import io.axon.coordinator.ops.MetricsController;
import io.axon.coordinator.ops.OpenApiController;
import io.axon.coordinator.workunit.WorkController;
import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;

/** The whole route table of the coordinator (docs/PROTOCOL.md). */
public final class Routes {
  private final Authenticator auth;
  private final HostController hosts;
  private final WorkController work;
  private final BlobController blobs;
  private final JobController jobs;
  private final AccountController accounts;
  private final HealthController health;
  private final MetricsController metrics;
  private final OpenApiController openApi;
  private final AdminRoutes admin;
  private final OwnerApiAuth owners;
  private final JobCancellation cancellation;

  @Inject
  public Routes(
      Authenticator auth,
      HostController hosts,
      WorkController work,
      BlobController blobs,
      JobController jobs,
      AccountController accounts,
      HealthController health,
      MetricsController metrics,
      OpenApiController openApi,
      AdminRoutes admin,
      OwnerApiAuth owners,
      JobCancellation cancellation) {
    this.auth = auth;
    this.hosts = hosts;
    this.work = work;
    this.blobs = blobs;
    this.jobs = jobs;
    this.accounts = accounts;
    this.health = health;
    this.metrics = metrics;
    this.openApi = openApi;
    this.admin = admin;
    this.owners = owners;
    this.cancellation = cancellation;
  }

  public void addTo(RoutesConfig routes) {
    // volunteers
    routes.post("/api/v1/hosts", hosts::register);
    routes.post("/api/v1/heartbeat", auth.host(hosts::heartbeat));
    routes.post("/api/v1/work", auth.host(work::request));
    routes.get("/api/v1/blobs/{sha256}", auth.host(blobs::get));
    routes.post("/api/v1/results", auth.host(work::report));
    // project owners
    routes.post("/api/v1/jobs", owners.owner(jobs::submit));
    routes.post("/api/v1/jobs/{id}/cancel", owners.cancel(cancellation));
    routes.get("/api/v1/jobs", jobs::list);
    routes.get("/api/v1/jobs/{id}", jobs::get);
    routes.get("/api/v1/jobs/{id}/model", jobs::model);
    // volunteers' accounts
    routes.post("/api/v1/accounts", accounts::create);
    routes.get("/api/v1/account", accounts::summary);
    routes.get("/api/v1/account/statement", accounts::statement);
    // the shared host table
    routes.get("/api/v1/hosts", hosts::list);
    // operations (docs/openapi.yaml describes every route here)
    routes.get("/api/v1/openapi.yaml", openApi::get);
    routes.get("/health", health::health);
    routes.get("/metrics", metrics::scrape);
    // the admin pages for project owners and the volunteers' pages (docs/ADMIN.md)
    admin.addTo(routes);
  }
}
