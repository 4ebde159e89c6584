package io.axon.coordinator.admin;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.host.HostService;
import io.axon.coordinator.job.JobService;
import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.web.Bodies;
import io.axon.coordinator.web.Responses;
import io.axon.core.protocol.ErrorBody;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The project owners' pages under {@code /admin}: login, jobs, a new job, hosts, accounts. */
@Singleton
public final class AdminController {
  static final String CSRF_REFUSED =
      "This form was sent without its security token (CSRF), so it was refused."
          + " Reload the page and send it again.";

  private final OwnerService owners;
  private final JobService jobs;
  private final JobCancellation cancellation;
  private final DatasetService datasets;
  private final AdminQueries queries;
  private final HostService hosts;
  private final long maxUploadBytes;
  private final Path spoolDir;

  @Inject
  public AdminController(
      OwnerService owners,
      JobService jobs,
      JobCancellation cancellation,
      DatasetService datasets,
      AdminQueries queries,
      HostService hosts,
      CoordinatorConfig config) {
    this.owners = owners;
    this.jobs = jobs;
    this.cancellation = cancellation;
    this.datasets = datasets;
    this.queries = queries;
    this.hosts = hosts;
    this.maxUploadBytes = config.maxJobBytes();
    this.spoolDir = config.dataDir().resolve("uploads");
  }

  /** A page handler that runs for a logged-in owner. */
  @FunctionalInterface
  interface OwnerHandler {
    void handle(Context ctx, OwnerService.Session session) throws Exception;
  }

  /** A GET page for a logged-in owner; others go to the login page. */
  Handler page(String active, OwnerHandler handler) {
    return ctx -> {
      Optional<OwnerService.Session> session = WebSession.current(ctx, owners);
      if (session.isEmpty()) {
        ctx.redirect("/admin/login");
        return;
      }
      run(ctx, active, session.get(), handler);
    };
  }

  /** A POST from a logged-in owner's page, refused without the session's CSRF token. */
  Handler form(String active, OwnerHandler handler) {
    return ctx -> {
      Optional<OwnerService.Session> session = WebSession.current(ctx, owners);
      if (session.isEmpty()) {
        error(
            ctx,
            new Page("Logged out", active, null, null, null, null),
            401,
            "You are not logged in (or your session expired). Log in and send the form again.");
        return;
      }
      if (!Tokens.same(WebSession.sentToken(ctx), session.get().csrfToken())) {
        error(ctx, frame("Refused", active, session.get()), 403, CSRF_REFUSED);
        return;
      }
      run(ctx, active, session.get(), handler);
    };
  }

  private void run(Context ctx, String active, OwnerService.Session session, OwnerHandler handler)
      throws Exception {
    try {
      handler.handle(ctx, session);
    } catch (AdminException e) {
      error(ctx, frame("Refused", active, session), e.status(), e.getMessage());
    } catch (ApiException e) {
      error(ctx, frame("Refused", active, session), e.status(), e.detail());
    }
  }

  // ---- login, one-time links, logout

  public void loginPage(Context ctx) {
    if (WebSession.current(ctx, owners).isPresent()) {
      ctx.redirect("/admin/jobs");
      return;
    }
    login(ctx, 200, null, "");
  }

  public void login(Context ctx) {
    String name = ctx.formParam("name");
    if (!Tokens.same(WebSession.sentToken(ctx), ctx.cookie(WebSession.FORM))) {
      login(ctx, 403, CSRF_REFUSED, name);
      return;
    }
    try {
      WebSession.start(ctx, owners.login(name, ctx.formParam("password"), ctx.ip()));
      ctx.redirect("/admin/jobs");
    } catch (AdminException e) {
      login(ctx, e.status(), e.getMessage(), name);
    }
  }

  private void login(Context ctx, int status, String error, String name) {
    Page page = new Page("Log in", "login", null, WebSession.formToken(ctx), error, null);
    Pages.render(ctx, status, "login", Map.of("page", page, "name", name == null ? "" : name));
  }

  public void linkPage(Context ctx) {
    Page page = new Page("Welcome", "login", null, WebSession.formToken(ctx), null, null);
    try {
      link(ctx, 200, page, owners.link(ctx.pathParam("token")));
    } catch (AdminException e) {
      error(ctx, page, e.status(), e.getMessage());
    }
  }

  public void useLink(Context ctx) {
    Page page = new Page("Welcome", "login", null, WebSession.formToken(ctx), null, null);
    String token = ctx.pathParam("token");
    if (!Tokens.same(WebSession.sentToken(ctx), ctx.cookie(WebSession.FORM))) {
      error(ctx, page, 403, CSRF_REFUSED);
      return;
    }
    try {
      WebSession.start(
          ctx, owners.useLink(token, ctx.formParam("name"), ctx.formParam("password")));
      ctx.redirect("/admin/jobs");
    } catch (AdminException e) {
      try {
        link(ctx, e.status(), page.withError(e.getMessage()), owners.link(token));
      } catch (AdminException gone) {
        error(ctx, page, gone.status(), gone.getMessage());
      }
    }
  }

  private static void link(Context ctx, int status, Page page, OwnerService.LinkInfo link) {
    Pages.render(
        ctx,
        status,
        "link",
        Map.of("page", page, "link", link, "action", "/admin/once/" + ctx.pathParam("token")));
  }

  public void logout(Context ctx, OwnerService.Session session) {
    WebSession.end(ctx, owners);
    ctx.redirect("/admin/login");
  }

  // ---- jobs

  public void jobs(Context ctx, OwnerService.Session session) {
    List<JobStatus> newestFirst = new ArrayList<>(jobs.all());
    Collections.reverse(newestFirst);
    Pages.render(
        ctx, 200, "jobs", Map.of("page", frame("Jobs", "jobs", session), "jobs", newestFirst));
  }

  public void newJob(Context ctx, OwnerService.Session session) {
    Map<String, String> values = JobForm.defaults();
    String dataset = ctx.queryParam("dataset");
    if (dataset != null) {
      values.put("dataset", dataset);
    }
    newJob(ctx, 200, frame("New job", "new", session), values);
  }

  private void newJob(Context ctx, int status, Page page, Map<String, String> values) {
    List<Dataset> all = datasets.all();
    Dataset selected =
        all.stream()
            .filter(d -> String.valueOf(d.id()).equals(values.get("dataset")))
            .findFirst()
            .orElse(null);
    if (selected != null && values.get("labelColumn").isBlank()) {
      values.put("labelColumn", selected.columns().get(selected.columns().size() - 1));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("page", page);
    params.put("datasets", all);
    params.put("selected", selected);
    params.put("values", values);
    params.put("models", JobForm.models());
    params.put("aggregations", JobForm.aggregations());
    params.put("maxUploadBytes", maxUploadBytes);
    Pages.render(ctx, status, "job_new", params);
  }

  public void submitJob(Context ctx, OwnerService.Session session) throws IOException {
    Map<String, String> values = JobForm.of(ctx::formParam);
    Page page = frame("New job", "new", session);
    JobStatus status;
    try {
      JobSpec spec = JobForm.spec(values);
      long datasetId;
      try {
        datasetId = Long.parseLong(values.get("dataset"));
      } catch (NumberFormatException e) {
        throw new AdminException(400, "Upload a CSV or pick an uploaded dataset first.");
      }
      try (Reader csv = datasets.open(datasetId)) {
        status = jobs.submit(spec, csv);
      }
    } catch (AdminException e) {
      newJob(ctx, e.status(), page.withError(e.getMessage()), values);
      return;
    } catch (ApiException e) {
      newJob(ctx, e.status(), page.withError(e.detail()), values);
      return;
    }
    owners.ownsJob(session.owner(), status.id());
    ctx.redirect("/admin/jobs/" + status.id());
  }

  public void job(Context ctx, OwnerService.Session session) {
    long id = jobId(ctx);
    JobStatus status =
        jobs.status(id).orElseThrow(() -> new AdminException(404, "There is no job " + id + "."));
    Map<String, Object> params = new HashMap<>();
    params.put("page", frame(status.name(), "jobs", session));
    params.put("job", status);
    params.put("spec", queries.spec(id));
    params.put("units", queries.unitsByState(id, status.round()));
    params.put("replicas", queries.replicasByState(id, status.round()));
    params.put("hosts", queries.workingHosts(id));
    params.put("chart", chartJson(status));
    Pages.render(ctx, 200, "job", params);
  }

  public void model(Context ctx, OwnerService.Session session) {
    long id = jobId(ctx);
    JobStatus status =
        jobs.status(id).orElseThrow(() -> new AdminException(404, "There is no job " + id + "."));
    JobService.JobModel model = jobs.model(id).orElseThrow();
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + status.name() + "-round-" + status.round() + ".axonmodel\"");
    ctx.header("Cache-Control", "no-store");
    ctx.status(200).contentType("application/octet-stream").result(model.bytes());
  }

  public void cancel(Context ctx, OwnerService.Session session) {
    long id = jobId(ctx);
    cancellation.cancel(id, session.owner());
    ctx.redirect("/admin/jobs/" + id);
  }

  // ---- datasets: uploaded by a script (XMLHttpRequest, for its progress), answered in JSON

  public void upload(Context ctx) throws IOException {
    Optional<OwnerService.Session> session = WebSession.current(ctx, owners);
    if (session.isEmpty()) {
      throw ApiException.unauthorized("log in again: your session expired");
    }
    if (!Tokens.same(ctx.header(WebSession.CSRF_HEADER), session.get().csrfToken())) {
      throw new ApiException(403, "forbidden", CSRF_REFUSED);
    }
    Bodies.multipart(ctx, maxUploadBytes, spoolDir);
    Part part = Bodies.part(ctx, "file", maxUploadBytes);
    try (InputStream in = part.getInputStream()) {
      Dataset dataset = datasets.upload(session.get().owner(), part.getSubmittedFileName(), in);
      ctx.status(201).contentType("application/json").result("{\"id\":" + dataset.id() + "}");
    } catch (AdminException e) {
      Responses.json(ctx, e.status(), new ErrorBody("bad_csv", e.getMessage()));
    } finally {
      Bodies.delete(part);
    }
  }

  // ---- hosts and owners

  public void hostsPage(Context ctx, OwnerService.Session session) {
    Pages.render(
        ctx,
        200,
        "hosts",
        Map.of("page", frame("Hosts", "hosts", session), "hosts", hosts.table().hosts()));
  }

  public void accountPage(Context ctx, OwnerService.Session session) {
    account(ctx, 200, frame("Owners", "owners", session), null, null);
  }

  public void newToken(Context ctx, OwnerService.Session session) {
    String token = owners.newApiToken(session.owner());
    account(
        ctx,
        200,
        frame("Owners", "owners", session)
            .withNotice("Your new API token is shown once below; the old one no longer works."),
        token,
        null);
  }

  public void createOwner(Context ctx, OwnerService.Session session) {
    admin(session);
    Owner owner =
        owners.create(
            ctx.formParam("name"), ctx.formParam("password"), ctx.formParam("admin") != null);
    account(
        ctx,
        201,
        frame("Owners", "owners", session).withNotice("Owner '" + owner.name() + "' created."),
        null,
        null);
  }

  public void invite(Context ctx, OwnerService.Session session) {
    admin(session);
    String token = owners.invite(ctx.formParam("admin") != null);
    String url = ctx.scheme() + "://" + ctx.host() + "/admin/once/" + token;
    account(
        ctx,
        201,
        frame("Owners", "owners", session)
            .withNotice("Send this one-time link to the new owner; it works once, for a day."),
        null,
        url);
  }

  private void account(Context ctx, int status, Page page, String token, String invitation) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", page);
    params.put("owners", page.owner().admin() ? owners.all() : List.of(page.owner()));
    params.put("token", token);
    params.put("invitation", invitation);
    Pages.render(ctx, status, "owners", params);
  }

  private static void admin(OwnerService.Session session) {
    if (!session.owner().admin()) {
      throw new AdminException(403, "Only an admin may do this.");
    }
  }

  static Page frame(String title, String active, OwnerService.Session session) {
    return new Page(title, active, session.owner(), session.csrfToken(), null, null);
  }

  static void error(Context ctx, Page page, int status, String message) {
    Pages.render(ctx, status, "error", Map.of("page", page.withError(message), "status", status));
  }

  private static long jobId(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new AdminException(400, "A job id is a number, got '" + raw + "'.");
    }
  }

  /** Rounds for the chart: [{round, loss, accuracy (null for regression)}]. */
  private static String chartJson(JobStatus status) {
    StringBuilder json = new StringBuilder("[");
    for (JobStatus.RoundMetrics m : status.metrics()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(
          String.format(
              Locale.ROOT,
              "{\"round\":%d,\"loss\":%s,\"accuracy\":%s}",
              m.round(),
              number(m.loss()),
              number(m.accuracy())));
    }
    return json.append(']').toString();
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "null";
  }
}
