package io.axon.coordinator.admin;

/**
 * What every page's frame shows: its title, the active menu entry, who is logged in (null on the
 * volunteer and login pages), the CSRF token its forms carry, and a refusal or notice to show.
 */
public record Page(
    String title, String active, Owner owner, String csrf, String error, String notice) {
  public Page withError(String message) {
    return new Page(title, active, owner, csrf, message, notice);
  }

  public Page withNotice(String message) {
    return new Page(title, active, owner, csrf, error, message);
  }
}
