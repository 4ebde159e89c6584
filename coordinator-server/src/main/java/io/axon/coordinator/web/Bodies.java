package io.axon.coordinator.web;

import io.axon.core.protocol.ProtocolJson;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads request bodies within a size limit and turns what cannot be read into a 400 that names the
 * problem: JSON through {@link ProtocolJson}, multipart parts through the servlet API, spooled to
 * disk above a small threshold so a large CSV is never held in memory as a whole.
 */
public final class Bodies {
  private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";
  private static final int IN_MEMORY_PART_BYTES = 1024 * 1024;

  private Bodies() {}

  /** Reads a JSON body of at most {@code limit} bytes as {@code type}. */
  public static <T> T json(Context ctx, Class<T> type, long limit) {
    checkDeclaredLength(ctx, limit);
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = readAtMost(in, limit);
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body: " + e.getMessage());
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), type, "request body");
  }

  /** Parses {@code json} as {@code type}; {@code what} names the input in the error message. */
  public static <T> T parse(String json, Class<T> type, String what) {
    if (json.trim().isEmpty()) {
      throw ApiException.badRequest(what + " is empty, expected " + type.getSimpleName() + " JSON");
    }
    try {
      return ProtocolJson.fromJson(json, type);
    } catch (IllegalArgumentException e) {
      // ProtocolJson's message names the type, the problem and its JSON path
      throw ApiException.badRequest(what + ": " + e.getMessage());
    }
  }

  /**
   * Makes the multipart parts of this request readable, at most {@code limit} bytes in all; parts
   * above 1 MiB are spooled to {@code spoolDir}.
   */
  public static void multipart(Context ctx, long limit, Path spoolDir) {
    checkDeclaredLength(ctx, limit);
    String contentType = ctx.contentType();
    if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
      throw ApiException.badRequest(
          "expected a multipart/form-data body, got "
              + (contentType == null ? "none" : contentType));
    }
    ctx.req()
        .setAttribute(
            MULTIPART_CONFIG,
            new MultipartConfigElement(spoolDir.toString(), limit, limit, IN_MEMORY_PART_BYTES));
  }

  /** The multipart part {@code name}; call {@link #multipart} first. */
  public static Part part(Context ctx, String name, long limit) {
    try {
      Part part = ctx.req().getPart(name);
      if (part == null) {
        throw ApiException.badRequest("multipart part '" + name + "' is missing");
      }
      return part;
    } catch (IOException | ServletException | IllegalStateException e) {
      if (isTooLarge(e)) {
        throw ApiException.bodyTooLarge(limit);
      }
      throw ApiException.badRequest("could not read the multipart body: " + rootMessage(e));
    }
  }

  /** The bytes of a part of at most {@code limit} bytes. */
  public static byte[] partBytes(Part part, long limit) {
    try (InputStream in = part.getInputStream()) {
      return readAtMost(in, limit);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "could not read multipart part '" + part.getName() + "': " + e.getMessage());
    }
  }

  /** Removes a part's spooled file, if it has one. */
  public static void delete(Part part) {
    try {
      part.delete();
    } catch (IOException e) {
      // a temporary file left behind is removed with the data directory's uploads/
    }
  }

  /**
   * Bodies up to this size are read and discarded before an early "too large" answer (like Tomcat's
   * maxSwallowSize): closing a connection with unread data makes TCP reset it, and the client may
   * then lose the answer while it is still sending.
   */
  private static final long SWALLOW_BYTES = 4L * 1024 * 1024;

  private static void checkDeclaredLength(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      if (declared <= limit + SWALLOW_BYTES) {
        swallow(ctx);
      }
      throw ApiException.bodyTooLarge(limit);
    }
  }

  private static void swallow(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; total <= SWALLOW_BYTES && (n = in.read(buffer)) != -1; ) {
        total += n;
      }
    } catch (IOException e) {
      // the client went away: nothing left to answer
    }
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > limit) {
        throw ApiException.bodyTooLarge(limit);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static boolean isTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase();
      if (message.contains("exceeds")
          || message.contains("max length exceeded")
          || message.contains("too large")
          || message.contains("413")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
