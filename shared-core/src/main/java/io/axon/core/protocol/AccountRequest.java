package io.axon.core.protocol;

/**
 * {@code POST /api/v1/accounts}: a volunteer opens an account under a name of their choice (shown
 * on statements; not unique).
 */
public record AccountRequest(String name) {
  public AccountRequest {
    Checks.text("name", name, 100);
  }
}
