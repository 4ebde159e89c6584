package io.axon.coordinator.admin;

/** A refusal shown to the person on the page: an HTTP status and a sentence they can act on. */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public AdminException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
