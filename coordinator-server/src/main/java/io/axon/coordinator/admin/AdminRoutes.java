package io.axon.coordinator.admin;

import io.javalin.config.RoutesConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The admin pages' and volunteer pages' routes (docs/ADMIN.md), added to the route table; their
 * style sheet, script and WebJars are static files (see {@link #STATIC}).
 */
@Singleton
public final class AdminRoutes {
  /** Class-path folder served at {@code /admin/static}; WebJars are served at {@code /webjars}. */
  public static final String STATIC = "/io/axon/coordinator/admin/static";

  private final AdminController admin;
  private final VolunteerController volunteers;

  @Inject
  public AdminRoutes(AdminController admin, VolunteerController volunteers) {
    this.admin = admin;
    this.volunteers = volunteers;
  }

  public void addTo(RoutesConfig routes) {
    routes.get("/admin", ctx -> ctx.redirect("/admin/jobs"));
    routes.get("/admin/login", admin::loginPage);
    routes.post("/admin/login", admin::login);
    routes.post("/admin/logout", admin.form("jobs", admin::logout));
    routes.get("/admin/once/{token}", admin::linkPage);
    routes.post("/admin/once/{token}", admin::useLink);
    routes.get("/admin/jobs", admin.page("jobs", admin::jobs));
    routes.get("/admin/jobs/new", admin.page("new", admin::newJob));
    routes.post("/admin/jobs", admin.form("new", admin::submitJob));
    routes.get("/admin/jobs/{id}", admin.page("jobs", admin::job));
    routes.get("/admin/jobs/{id}/model", admin.page("jobs", admin::model));
    routes.post("/admin/jobs/{id}/cancel", admin.form("jobs", admin::cancel));
    routes.post("/admin/datasets", admin::upload);
    routes.get("/admin/hosts", admin.page("hosts", admin::hostsPage));
    routes.get("/admin/owners", admin.page("owners", admin::accountPage));
    routes.post("/admin/owners", admin.form("owners", admin::createOwner));
    routes.post("/admin/invitations", admin.form("owners", admin::invite));
    routes.post("/admin/token", admin.form("owners", admin::newToken));
    routes.get("/volunteers", volunteers::leaderboard);
    routes.post("/volunteers/me", volunteers::mine);
  }
}
