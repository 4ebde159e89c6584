package io.axon.android.prefs;

/** A preference out of range: {@link #field()} names it, the message tells the user what fits. */
public final class InvalidPreferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidPreferenceException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The record component that is wrong, e.g. {@code "resumeAtPercent"}. */
  public String field() {
    return field;
  }
}
