package io.axon.desktop.credit;

import jakarta.inject.Inject;
import java.io.IOException;

/**
 * The credit API through the coordinator client. Until the coordinator's account and credit routes
 * exist in this build, every call answers "not available" rather than inventing numbers.
 */
public final class CoordinatorCreditApi implements CreditApi {
  static final String UNAVAILABLE = "not available from this coordinator";

  @Inject
  public CoordinatorCreditApi() {}

  @Override
  public NewAccount createAccount(String coordinatorUrl, String name) throws IOException {
    throw new CreditUnavailableException(UNAVAILABLE);
  }

  @Override
  public Earnings earnings(String coordinatorUrl, String accountKey) throws IOException {
    throw new CreditUnavailableException(UNAVAILABLE);
  }
}
