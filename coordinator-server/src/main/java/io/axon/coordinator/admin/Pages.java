package io.axon.coordinator.admin;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled JTE templates (src/main/jte, compiled by the jte-maven-plugin) with the
 * headers every page gets: no framing, no referrer (one-time links sit in URLs), scripts and styles
 * from this server only.
 */
final class Pages {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private Pages() {}

  static void render(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    ENGINE.render("admin/" + template + ".jte", params, out);
    headers(ctx);
    ctx.status(status).html(out.toString());
  }

  static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
  }
}
