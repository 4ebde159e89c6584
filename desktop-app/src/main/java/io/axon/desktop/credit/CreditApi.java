package io.axon.desktop.credit;

import java.io.IOException;

/**
 * Volunteer accounts and credit at a coordinator ({@code POST /api/v1/accounts}, {@code GET
 * /api/v1/account/statement}). Blocking: call off the FX thread.
 */
public interface CreditApi {
  /** Creates an account named {@code name}. */
  NewAccount createAccount(String coordinatorUrl, String name) throws IOException;

  /**
   * The account's credit and earnings.
   *
   * @throws CreditUnavailableException if the coordinator keeps no credit
   */
  Earnings earnings(String coordinatorUrl, String accountKey) throws IOException;
}
