package io.axon.desktop.theme;

/** The theme the volunteer chose: a fixed one, or whatever the operating system uses. */
public enum ThemeChoice {
  SYSTEM,
  LIGHT,
  DARK
}
