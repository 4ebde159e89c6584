package io.axon.coordinator.blob;

import io.axon.coordinator.web.ApiException;
import io.axon.coordinator.web.Responses;
import io.axon.core.common.Sha256;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** {@code GET /api/v1/blobs/{sha256}}: immutable bytes with an ETag. */
@Singleton
public final class BlobController {
  private final BlobStore blobs;

  @Inject
  public BlobController(BlobStore blobs) {
    this.blobs = blobs;
  }

  public void get(Context ctx, long hostId) {
    String sha256 = ctx.pathParam("sha256");
    if (!Sha256.isValid(sha256)) {
      throw ApiException.badRequest(
          "a blob name is 64 lower-case hex digits (its SHA-256), got " + sha256);
    }
    if (("\"" + sha256 + "\"").equals(ctx.header("If-None-Match"))) {
      Responses.contentAddressed(ctx, sha256, null, true);
      return;
    }
    byte[] bytes = blobs.get(sha256).orElseThrow(() -> ApiException.notFound("no blob " + sha256));
    Responses.contentAddressed(ctx, sha256, bytes, true);
  }
}
