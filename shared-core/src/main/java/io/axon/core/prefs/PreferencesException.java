package io.axon.core.prefs;

/** Preferences that cannot be read or applied; the message names the field or key. */
public final class PreferencesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PreferencesException(String message, Throwable cause) {
    super(message, cause);
  }
}
