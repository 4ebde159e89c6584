package io.axon.core.training;

/**
 * A {@link TrainingCheckpoint} cannot be used: its bytes are torn, corrupt or of an unknown
 * version, or it belongs to another run than the one it was offered to. The message says which.
 */
public final class CheckpointException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
