package io.axon.coordinator.web;

/**
 * An error answer the client caused or must know about: HTTP status, the short {@code error} code
 * of {@link io.axon.core.protocol.ErrorBody} and a detail a person can act on.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  public ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad_request", detail);
  }

  public static ApiException bodyTooLarge(long limit) {
    return new ApiException(
        400, "body_too_large", "request body is larger than the limit of " + limit + " bytes");
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", detail);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }
}
