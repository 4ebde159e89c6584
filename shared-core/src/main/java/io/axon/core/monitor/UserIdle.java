package io.axon.core.monitor;

import java.time.Duration;

/**
 * How long the user has not touched keyboard or mouse, and how we know. When idle time cannot be
 * detected, {@code sinceLastInput} is null and {@code method} says why, so the engine can say so
 * instead of guessing.
 *
 * @param sinceLastInput time since the last keyboard or mouse input; null if unknown
 * @param method how it was measured (e.g. "X11 screensaver extension"), or why it could not be
 */
public record UserIdle(Duration sinceLastInput, String method) {
  public UserIdle {
    if (method == null || method.isEmpty()) {
      throw new IllegalArgumentException("method is required");
    }
    if (sinceLastInput != null && sinceLastInput.isNegative()) {
      throw new IllegalArgumentException("sinceLastInput must not be negative: " + sinceLastInput);
    }
  }

  public static UserIdle unknown(String why) {
    return new UserIdle(null, why);
  }

  public boolean isKnown() {
    return sinceLastInput != null;
  }
}
