package io.axon.coordinator.ops;

import io.axon.coordinator.host.HostService;
import io.axon.coordinator.workunit.Replica.ValidateState;
import io.axon.core.protocol.HostInfo;
import io.axon.core.protocol.ResultReply;
import io.axon.core.protocol.WorkReply;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The coordinator's Prometheus metrics (Micrometer): HTTP request timings per route, work units
 * dispatched, results received, validations by outcome, hosts by state, and the JVM. Scraped at
 * {@code GET /metrics}.
 */
@Singleton
public final class Metrics implements AutoCloseable {
  /** Hosts by state are counted in the database at most this often, however often scraped. */
  private static final Duration HOST_COUNT_EXPIRY = Duration.ofSeconds(5);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter dispatches;
  private final Counter resultsAccepted;
  private final Counter resultsRejected;
  private final Map<ValidateState, Counter> validations = new EnumMap<>(ValidateState.class);

  @Inject
  public Metrics(HostService hosts) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    dispatches =
        Counter.builder("axon.dispatches")
            .description("work units sent to volunteers")
            .register(registry);
    resultsAccepted = results("accepted");
    resultsRejected = results("rejected");
    for (ValidateState state :
        List.of(ValidateState.VALID, ValidateState.INVALID, ValidateState.INCONCLUSIVE)) {
      validations.put(
          state,
          Counter.builder("axon.validations")
              .description(
                  "replicas judged by the validator: valid, invalid (disagreeing with the"
                      + " quorum, or no finite model of the job's shape), inconclusive")
              .tag("outcome", state.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    Supplier<Map<HostInfo.State, Long>> counts =
        Memoized.of(hosts::countByState, HOST_COUNT_EXPIRY);
    for (HostInfo.State state : HostInfo.State.values()) {
      Gauge.builder("axon.hosts", () -> counts.get().get(state))
          .description("registered hosts by state (from the time since their last heartbeat)")
          .tag("state", state.name())
          .register(registry);
    }
  }

  private Counter results(String outcome) {
    return Counter.builder("axon.results")
        .description("result uploads answered, by whether the result was accepted")
        .tag("outcome", outcome)
        .register(registry);
  }

  /**
   * Records one answered request: its time under its route template (never the raw path, so ids do
   * not multiply the series), and what it dispatched or received.
   */
  public void request(Context ctx, float millis) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by route and status")
        .tag("method", ctx.method().name())
        .tag("uri", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    Object reply = ctx.attribute(io.axon.coordinator.web.Responses.REPLY);
    if (reply instanceof WorkReply work && work.assignment() != null) {
      dispatches.increment();
    } else if (reply instanceof ResultReply result) {
      (result.accepted() ? resultsAccepted : resultsRejected).increment();
    }
  }

  /** The validator judged a replica {@code state} (and the transaction that did it committed). */
  public void validated(ValidateState state) {
    Counter counter = validations.get(state);
    if (counter != null) {
      counter.increment();
    }
  }

  private static String route(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) { // no route matched: one series for all unknown paths
      return ctx.statusCode() == 404 ? "NOT_FOUND" : "UNMATCHED";
    }
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
