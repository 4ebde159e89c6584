package io.axon.core.training;

/** A byte array is not a valid encoded model; the message says what is wrong with it. */
public final class ModelFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
