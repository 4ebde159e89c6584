package io.axon.core.eventlog;

import java.time.Instant;

/**
 * One state change with its reason, e.g. "suspended: on battery".
 *
 * @param time when it happened
 * @param message what changed and why, written for the volunteer
 */
public record Event(Instant time, String message) {
  public Event {
    if (time == null || message == null || message.isEmpty()) {
      throw new IllegalArgumentException("an event needs a time and a message");
    }
  }

  /** One log line: the ISO-8601 instant, a space, the message. */
  @Override
  public String toString() {
    return time + " " + message;
  }
}
