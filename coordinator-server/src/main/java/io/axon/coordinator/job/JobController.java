package io.axon.coordinator.job;

import com.squareup.moshi.JsonAdapter;
import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.web.Bodies;
import io.axon.coordinator.web.Responses;
import io.axon.coordinator.workunit.Transitioner;
import io.axon.core.protocol.JobSpec;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code /api/v1/jobs}: submit a job (multipart spec + CSV), list jobs, one job, its model. */
@Singleton
public final class JobController {
  private static final JsonAdapter<List<JobStatus>> LIST =
      ProtocolJson.listAdapter(JobStatus.class);

  private final JobService jobs;
  private final long maxJsonBytes;
  private final long maxJobBytes;
  private final Path spoolDir;
  private final Transitioner transitioner;

  @Inject
  public JobController(JobService jobs, CoordinatorConfig config, Transitioner transitioner) {
    this.jobs = jobs;
    this.transitioner = transitioner;
    this.maxJsonBytes = config.maxJsonBytes();
    this.maxJobBytes = config.maxJobBytes();
    this.spoolDir = config.dataDir().resolve("uploads");
  }

  public void submit(Context ctx) throws IOException {
    Bodies.multipart(ctx, maxJobBytes, spoolDir);
    Part specPart = Bodies.part(ctx, "spec", maxJobBytes);
    Part dataPart = Bodies.part(ctx, "data", maxJobBytes);
    String specJson = new String(Bodies.partBytes(specPart, maxJsonBytes), StandardCharsets.UTF_8);
    JobSpec spec = Bodies.parse(specJson, JobSpec.class, "multipart part 'spec'");
    JobStatus status;
    try (Reader csv =
        new BufferedReader(
            new InputStreamReader(dataPart.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      status = jobs.submit(spec, csv);
    } finally {
      Bodies.delete(specPart);
      Bodies.delete(dataPart);
    }
    // volunteers whose requests for work are held get round 1 now
    transitioner.workIssued();
    Responses.json(ctx, 201, status);
  }

  public void list(Context ctx) {
    ctx.status(200).contentType("application/json").result(LIST.toJson(jobs.all()));
  }

  public void get(Context ctx) {
    long id = jobId(ctx);
    Responses.json(
        ctx, 200, jobs.status(id).orElseThrow(() -> ApiException.notFound("no job " + id)));
  }

  public void model(Context ctx) {
    long id = jobId(ctx);
    JobService.JobModel model =
        jobs.model(id).orElseThrow(() -> ApiException.notFound("no job " + id));
    ctx.header("Cache-Control", "no-cache");
    Responses.contentAddressed(ctx, model.sha256(), model.bytes(), false);
  }

  private static long jobId(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("a job id is a number, got '" + raw + "'");
    }
  }
}
