package io.axon.core.protocol;

final class Checks {
  private Checks() {}

  static void text(String field, String value, int maxLength) {
    if (value == null || value.trim().isEmpty()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " must be at most " + maxLength + " characters, got " + value.length());
    }
  }
}
