package io.axon.core.protocol;

/**
 * The reply to a {@link WorkRequest}: an assignment, or none and how long to wait before asking
 * again.
 */
public record WorkReply(WorkAssignment assignment, int retryAfterSeconds) {
  public static WorkReply none(int retryAfterSeconds) {
    return new WorkReply(null, retryAfterSeconds);
  }

  public static WorkReply of(WorkAssignment assignment) {
    return new WorkReply(assignment, 0);
  }
}
