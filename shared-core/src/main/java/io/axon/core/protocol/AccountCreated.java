package io.axon.core.protocol;

/**
 * The reply to an {@link AccountRequest}. {@code accountKey} is shown this once: the coordinator
 * keeps only its SHA-256. A host registered with it earns credit for this account, and the key
 * reads the account's credit and earnings ({@code X-Account-Key} header).
 */
public record AccountCreated(long accountId, String name, String accountKey) {
  public AccountCreated {
    Checks.text("name", name, 100);
    Checks.text("accountKey", accountKey, 100);
  }
}
