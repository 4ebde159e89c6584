package io.axon.core.protocol;

/**
 * JSON that is not a valid protocol message: malformed, a value of the wrong type, a missing
 * required field, or a value the message rejects. The message says which, with the JSON path where
 * there is one (e.g. {@code $.hyperparameters.batchSize}).
 */
public final class ProtocolException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
