package io.axon.desktop.theme;

/** The theme actually shown; each has a style sheet beside the common one. */
public enum Theme {
  LIGHT("/io/axon/desktop/css/light.css"),
  DARK("/io/axon/desktop/css/dark.css");

  private final String styleSheet;

  Theme(String styleSheet) {
    this.styleSheet = styleSheet;
  }

  public String styleSheet() {
    return Theme.class.getResource(styleSheet).toExternalForm();
  }
}
