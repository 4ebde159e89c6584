package io.axon.coordinator.ops;

import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** {@code GET /metrics}: the Prometheus text format. */
@Singleton
public final class MetricsController {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Metrics metrics;

  @Inject
  public MetricsController(Metrics metrics) {
    this.metrics = metrics;
  }

  public void scrape(Context ctx) {
    ctx.status(200).contentType(PROMETHEUS_TEXT).result(metrics.scrape());
  }
}
