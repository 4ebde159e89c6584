package io.axon.desktop.credit;

import java.io.IOException;

/** The coordinator offers no volunteer accounts or credit (an older coordinator). */
public final class CreditUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public CreditUnavailableException(String message) {
    super(message);
  }
}
