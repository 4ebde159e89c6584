package io.axon.coordinator.workunit;

import io.axon.coordinator.CoordinatorConfig;
import io.axon.coordinator.web.Bodies;
import io.axon.coordinator.web.Responses;
import io.axon.core.protocol.ResultReport;
import io.axon.core.protocol.WorkRequest;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code POST /api/v1/work} and {@code POST /api/v1/results}. */
@Singleton
public final class WorkController {
  private final WorkService work;
  private final ResultService results;
  private final long maxJsonBytes;
  private final long maxResultBytes;
  private final Path spoolDir;

  @Inject
  public WorkController(WorkService work, ResultService results, CoordinatorConfig config) {
    this.work = work;
    this.results = results;
    this.maxJsonBytes = config.maxJsonBytes();
    this.maxResultBytes = config.maxResultBytes();
    this.spoolDir = config.dataDir().resolve("uploads");
  }

  public void request(Context ctx, long hostId) {
    WorkRequest request = Bodies.json(ctx, WorkRequest.class, maxJsonBytes);
    Responses.json(ctx, 200, work.request(hostId, request));
  }

  public void report(Context ctx, long hostId) {
    Bodies.multipart(ctx, maxResultBytes, spoolDir);
    Part reportPart = Bodies.part(ctx, "report", maxResultBytes);
    Part modelPart = Bodies.part(ctx, "model", maxResultBytes);
    try {
      String json = new String(Bodies.partBytes(reportPart, maxJsonBytes), StandardCharsets.UTF_8);
      ResultReport report = Bodies.parse(json, ResultReport.class, "multipart part 'report'");
      byte[] model = Bodies.partBytes(modelPart, maxResultBytes);
      Responses.json(ctx, 200, results.accept(hostId, report, model));
    } finally {
      Bodies.delete(reportPart);
      Bodies.delete(modelPart);
    }
  }
}
