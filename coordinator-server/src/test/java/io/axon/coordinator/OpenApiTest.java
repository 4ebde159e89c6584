package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml is valid OpenAPI 3 and describes exactly the routes the coordinator serves, and
 * the route tables of docs/PROTOCOL.md list exactly those routes too.
 */
class OpenApiTest {
  private static final Path DOC = Path.of("..", "docs", "openapi.yaml");
  private static final Path PROTOCOL = Path.of("..", "docs", "PROTOCOL.md");

  /** A row of PROTOCOL.md's route tables: {@code | GET | `/api/v1/jobs` | anyone | ...}. */
  private static final Pattern ROUTE_ROW =
      Pattern.compile("(?m)^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|");

  @TempDir static Path dataDir;
  static Coordinator coordinator;

  @BeforeAll
  static void start() {
    coordinator = new Coordinator(TestServer.config(dataDir).build()).start();
  }

  @AfterAll
  static void stop() {
    coordinator.stop();
  }

  private static SwaggerParseResult parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(yaml, null, options);
  }

  @Test
  void theDescriptionIsValidOpenApi3() throws IOException {
    SwaggerParseResult result = parse(Files.readString(DOC));

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
  }

  @Test
  void everyRouteIsDescribedAndEveryDescribedRouteExists() throws IOException {
    OpenAPI api = parse(Files.readString(DOC)).getOpenAPI();
    List<String> described = new ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(
                        method ->
                            described.add(method.name().toUpperCase(Locale.ROOT) + " " + path)));

    assertThat(coordinator.endpoints()).isNotEmpty().doesNotHaveDuplicates();
    assertThat(described).containsExactlyInAnyOrderElementsOf(coordinator.endpoints());
  }

  @Test
  void theProtocolPageListsEveryRouteOnceAndNoOther() throws IOException {
    List<String> listed = new ArrayList<>();
    Matcher row = ROUTE_ROW.matcher(Files.readString(PROTOCOL));
    while (row.find()) {
      listed.add(row.group(1) + " " + row.group(2));
    }

    assertThat(listed).doesNotHaveDuplicates();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(coordinator.endpoints());
  }

  @Test
  void theCoordinatorServesTheCheckedInFile() throws Exception {
    HttpResponse<String> reply =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(coordinator.url() + "/api/v1/openapi.yaml"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(reply.body()).isEqualTo(Files.readString(DOC));
  }
}
