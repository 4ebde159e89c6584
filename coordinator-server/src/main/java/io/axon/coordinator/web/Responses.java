package io.axon.coordinator.web;

import io.axon.core.protocol.ProtocolJson;
import io.javalin.http.Context;

/** Writes JSON and immutable, content-addressed bytes. */
public final class Responses {
  private static final String JSON = "application/json";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** The request attribute holding the message a handler answered with (read by the metrics). */
  public static final String REPLY = "axon.reply";

  private Responses() {}

  public static void json(Context ctx, int status, Object body) {
    ctx.attribute(REPLY, body);
    ctx.status(status).contentType(JSON).result(ProtocolJson.toJson(body));
  }

  /**
   * Writes bytes named by their SHA-256 with an ETag, or 304 if the client already holds them. The
   * same name always means the same bytes, so caches may keep them forever.
   */
  public static void contentAddressed(Context ctx, String sha256, byte[] bytes, boolean immutable) {
    String etag = "\"" + sha256 + "\"";
    ctx.header("ETag", etag);
    if (immutable) {
      ctx.header("Cache-Control", IMMUTABLE);
    }
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType("application/octet-stream").result(bytes);
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals("*")) {
        return true;
      }
    }
    return false;
  }
}
