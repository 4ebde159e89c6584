package io.axon.core.client;

import io.axon.core.protocol.ErrorBody;
import java.io.IOException;

/**
 * The coordinator answered with a non-2xx status. {@link #error()} is its {@code {error, detail}}
 * body, or one made up from the status if the body was not that JSON.
 */
public final class CoordinatorException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ErrorBody error;

  public CoordinatorException(String message, int status, ErrorBody error) {
    super(message);
    this.status = status;
    this.error = error;
  }

  /** The HTTP status code, e.g. 401. */
  public int status() {
    return status;
  }

  /** The error body; {@code error().error()} is the machine-readable code, e.g. "conflict". */
  public ErrorBody error() {
    return error;
  }
}
