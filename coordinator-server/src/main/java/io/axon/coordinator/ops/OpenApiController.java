package io.axon.coordinator.ops;

import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI 3 description of the API, docs/openapi.yaml as
 * packaged into the jar at build time (a test checks it against the real route table).
 */
@Singleton
public final class OpenApiController {
  /** Where the build puts docs/openapi.yaml on the class path. */
  public static final String RESOURCE = "/io/axon/coordinator/openapi.yaml";

  private final byte[] yaml;

  @Inject
  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      yaml = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void get(Context ctx) {
    ctx.status(200).contentType("application/yaml").result(yaml);
  }
}
