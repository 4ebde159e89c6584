package io.axon.coordinator.admin;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;

/**
 * The cookies of the admin and volunteer pages: the login session, and before login a random token
 * echoed in every form (double-submit), so that no POST is accepted without a CSRF token. Both are
 * HttpOnly and SameSite=Strict, and Secure when the page came over HTTPS.
 */
final class WebSession {
  static final String SESSION = "axon_session";
  static final String FORM = "axon_form";

  /** The form field, or for scripts the header, that carries the CSRF token. */
  static final String CSRF_FIELD = "csrf";

  static final String CSRF_HEADER = "X-CSRF-Token";

  private WebSession() {}

  static Optional<OwnerService.Session> current(Context ctx, OwnerService owners) {
    return owners.session(ctx.cookie(SESSION));
  }

  static void start(Context ctx, OwnerService.NewSession session) {
    set(ctx, SESSION, session.id(), (int) OwnerService.SESSION.toSeconds());
  }

  static void end(Context ctx, OwnerService owners) {
    owners.logout(ctx.cookie(SESSION));
    set(ctx, SESSION, "", 0);
  }

  /** The pre-login form token, set as a cookie the first time a form is shown. */
  static String formToken(Context ctx) {
    String token = ctx.cookie(FORM);
    if (token == null || token.length() < 40) {
      token = Tokens.random();
      set(ctx, FORM, token, -1);
    }
    return token;
  }

  /** The CSRF token a request carries, from its form or its header. */
  static String sentToken(Context ctx) {
    String header = ctx.header(CSRF_HEADER);
    if (header != null) {
      return header;
    }
    String contentType = ctx.contentType();
    if (contentType != null
        && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return ctx.formParam(CSRF_FIELD);
    }
    return null;
  }

  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private static void set(Context ctx, String name, String value, int maxAge) {
    Cookie cookie = new Cookie(name, value);
    cookie.setPath("/");
    cookie.setMaxAge(maxAge);
    cookie.setHttpOnly(true);
    cookie.setSecure(secure(ctx));
    cookie.setSameSite(SameSite.STRICT);
    ctx.cookie(cookie);
  }
}
