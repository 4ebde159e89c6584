package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} scraped over real HTTP, as Prometheus would. */
class MetricsTest {
  @TempDir static Path dataDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String scrape() {
    HttpResponse<String> reply = server.get("/metrics", null);
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    return reply.body();
  }

  /** The value of the sample of {@code name} whose labels include every one of {@code labels}. */
  private static double sample(String metrics, String name, String... labels) {
    Matcher line =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{.*\\})? (\\S+)$").matcher(metrics);
    while (line.find()) {
      String found = line.group(1) == null ? "" : line.group(1);
      boolean all = true;
      for (String label : labels) {
        all &= found.contains(label);
      }
      if (all) {
        return Double.parseDouble(line.group(2));
      }
    }
    return 0;
  }

  @Test
  void exposesJvmMetrics() {
    String metrics = scrape();

    assertThat(sample(metrics, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    assertThat(metrics).contains("jvm_threads_live_threads", "process_uptime_seconds");
  }

  @Test
  void timesRequestsByRouteTemplateAndStatus() {
    double before =
        sample(
            scrape(),
            "http_server_requests_seconds_count",
            "uri=\"/api/v1/jobs/{id}\"",
            "status=\"404\"");

    server.get("/api/v1/jobs/4242", null);
    server.get("/api/v1/jobs/4343", null);

    String metrics = scrape();
    assertThat(
            sample(
                metrics,
                "http_server_requests_seconds_count",
                "uri=\"/api/v1/jobs/{id}\"",
                "method=\"GET\"",
                "status=\"404\""))
        .as(metrics.lines().filter(l -> l.startsWith("http_")).toList().toString())
        .isEqualTo(before + 2);
    assertThat(metrics).doesNotContain("/api/v1/jobs/4242");
  }

  @Test
  void unknownPathsShareOneSeries() {
    server.get("/no/such/path/1", null);
    server.get("/no/such/path/2", null);

    String metrics = scrape();
    assertThat(metrics).doesNotContain("/no/such/path");
    assertThat(
            sample(
                metrics,
                "http_server_requests_seconds_count",
                "uri=\"NOT_FOUND\"",
                "status=\"404\""))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void countsHostsByState() {
    double online = sample(scrape(), "axon_hosts", "state=\"ONLINE\"");
    server.register("metered");

    // counted at most every 5 seconds
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> sample(scrape(), "axon_hosts", "state=\"ONLINE\"") == online + 1);
    assertThat(sample(scrape(), "axon_hosts", "state=\"OFFLINE\"")).isZero();
  }

  @Test
  void countsDispatchesAndAcceptedResults() {
    String before = scrape();
    double dispatched = sample(before, "axon_dispatches_total");
    double accepted = sample(before, "axon_results_total", "outcome=\"accepted\"");
    HttpResponse<String> job =
        server.postMultipart(
            "/api/v1/jobs",
            null,
            new TestServer.Multipart()
                .json(
                    "spec",
                    io.axon.core.protocol.ProtocolJson.toJson(TestJobs.logistic("metered", 1, 1)))
                .part("data", "text/csv", TestJobs.separableCsv(200, 3)));
    assertThat(job.statusCode()).as(job.body()).isEqualTo(201);

    try (TestVolunteer volunteer = new TestVolunteer(server, "worker")) {
      assertThat(volunteer.runOne()).isTrue();
    }

    String after = scrape();
    assertThat(sample(after, "axon_dispatches_total")).isEqualTo(dispatched + 1);
    assertThat(sample(after, "axon_results_total", "outcome=\"accepted\"")).isEqualTo(accepted + 1);
  }
}
