package io.axon.desktop.settings;

/**
 * One attached project: a coordinator and, optionally, the volunteer account this computer
 * volunteers for there.
 *
 * @param coordinatorUrl the coordinator's base URL, e.g. {@code http://localhost:8080}
 * @param accountKey the account key, or null for an anonymous host
 * @param accountName the account's name as the coordinator gave it, or null
 * @param noNewWork finish the units in hand, then fetch no more (BOINC's "no new tasks")
 */
public record ProjectSettings(
    String coordinatorUrl, String accountKey, String accountName, boolean noNewWork) {
  public ProjectSettings {
    if (coordinatorUrl == null || coordinatorUrl.isBlank()) {
      throw new IllegalArgumentException("a project needs a coordinator URL");
    }
    accountKey = accountKey == null || accountKey.isBlank() ? null : accountKey.trim();
  }

  public ProjectSettings withNoNewWork(boolean value) {
    return new ProjectSettings(coordinatorUrl, accountKey, accountName, value);
  }
}
